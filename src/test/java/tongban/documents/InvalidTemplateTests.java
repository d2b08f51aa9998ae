package tongban.documents;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A template edited into a broken state is refused with the file and the fault, never rendered half-right. */
class InvalidTemplateTests {

    @TempDir
    Path root;

    // a copy of templates/ beside the rule-pack catalogue the business licence names
    private Path templates() throws IOException {
        Path templates = root.resolve("templates");
        try (Stream<Path> files = Files.walk(Samples.TEMPLATES)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = templates.resolve(Samples.TEMPLATES.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path scopes = Path.of("rules", "individual-business-registration", "scopes.csv");
        Files.createDirectories(root.resolve(scopes).getParent());
        Files.copy(scopes, root.resolve(scopes));
        return templates;
    }

    private Path edit(String file, String from, String to) throws IOException {
        Path templates = templates();
        Path path = templates.resolve("business-licence").resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " no longer contains " + from);
        }
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
        return templates;
    }

    @Test
    void aTemplatePrintingAValueUnescapedIsRefusedWhenLoaded() throws IOException {
        Path templates = edit("template.html", "{{holder.name}}", "{{{holder.name}}}");

        assertThatThrownBy(() -> new RenderCertificate(templates))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("template.html").hasMessageContaining("unescaped");
    }

    @Test
    void aTemplateWithoutAPlaceForTheSealIsRefusedWhenLoaded() throws IOException {
        Path templates = edit("template.html", "<div id=\"seal\"></div>", "");

        assertThatThrownBy(() -> new RenderCertificate(templates))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("id=\"seal\"");
    }

    @Test
    void aTemplateWordTheFontCannotShowIsRefusedWhenLoaded() throws IOException {
        Path templates = edit("template.html", "个人经营", "个人经营\uD842\uDFB7");

        assertThatThrownBy(() -> new RenderCertificate(templates))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("U+20BB7");
    }

    @Test
    void aLabelNamingNoFieldIsRefusedWhenLoaded() throws IOException {
        Path templates = edit("template.yaml", "label: businessName", "label: businesName");

        assertThatThrownBy(() -> new RenderCertificate(templates))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("template.yaml").hasMessageContaining("label")
                .hasMessageContaining("businessName");
    }

    @Test
    void aMisspeltKeyInTemplateYamlIsRefusedWhenLoaded() throws IOException {
        Path templates = edit("template.yaml", "maxLength: 60", "maxLenght: 60");

        assertThatThrownBy(() -> new RenderCertificate(templates))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("template.yaml")
                .hasMessageContaining("fields.premisesAddress.maxLenght");
    }

    @Test
    void aPlaceholderTheDataDoesNotHaveIsATemplateFault() throws IOException {
        RenderCertificate renderer = new RenderCertificate(
                edit("template.html", "{{fields.premisesAddress}}", "{{fields.premisesAdress}}"));

        assertThatThrownBy(() -> renderer.render(Samples.sample("business-licence")))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("premisesAdress");
    }

    @Test
    void limitsThatLetTheDataOverflowThePageAreATemplateFault() throws IOException {
        RenderCertificate renderer = new RenderCertificate(edit("template.yaml", "maxLength: 60", "maxLength: 3000"));
        CertificateData sample = Samples.sample("business-licence");
        Map<String, Object> fields = new LinkedHashMap<>(sample.fields());
        fields.put("premisesAddress", "上海市黄浦区南京东路100号".repeat(150));
        CertificateData longAddress = new CertificateData(sample.certificateId(), sample.type(), sample.number(),
                sample.holderName(), sample.holderId(), sample.issuer(), sample.issueDate(), null, fields,
                sample.verifyBaseUrl());

        assertThatThrownBy(() -> renderer.render(longAddress))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("pages");
    }
}
