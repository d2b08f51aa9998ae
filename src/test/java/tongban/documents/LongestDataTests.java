package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A template's limits (template.yaml) and its layout agree: the longest data the limits let through still
 * renders on one page. The pictures (src/target/certificates/TYPE-longest.png) show whether it also stays
 * clear of the seal, the QR code and the frame.
 */
class LongestDataTests {

    // a wide character: every one of them takes a full em
    private static final String WIDE = "鑫";

    static List<String> types() {
        return Samples.types();
    }

    @ParameterizedTest(name = "the longest {0} fits on one page")
    @MethodSource("types")
    void theLongestDataATemplateAllowsStillFitsOnOnePage(String type) throws Exception {
        CertificateData sample = Samples.sample(type);
        TemplateSpec spec = TemplateSpec.read(Samples.TEMPLATES.resolve(type));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (TemplateSpec.Field field : spec.fields().values()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < field.maxItems(); i++) {
                values.add(field.names() == null ? String.valueOf(i).concat(WIDE.repeat(field.maxLength() - 1))
                        : longestNames(field).get(i));
            }
            fields.put(field.name(), field.list() ? values : values.get(0));
        }
        CertificateData longest = new CertificateData(sample.certificateId(), type, sample.number(),
                WIDE.repeat(spec.holderNameMaxLength()), sample.holderId(), WIDE.repeat(spec.issuerMaxLength()),
                sample.issueDate(), sample.validUntil(), fields, sample.verifyBaseUrl());

        CertificateDocument document = Samples.renderer().render(longest);

        Pictures.keep(type + "-longest", document);
        assertThat(document.seal().page()).isEqualTo(1);
    }

    private static List<String> longestNames(TemplateSpec.Field field) {
        return field.names().entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue().length(), a.getValue().length()))
                .map(Map.Entry::getKey).toList();
    }
}
