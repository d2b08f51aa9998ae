package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.audit.AuditLog;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The fourth item, 公共场所卫生许可 of a district health commission, was added as files only (its rule pack, its
 * certificate template and its data-sharing entry): it issues a licence of a type no Java knows, sealed by a
 * department no Java names, archived in the e-archive and verified by anyone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FourthItemTests {

    static final String ITEM = "public-place-health-licence";
    static final String DEPARTMENT = "shanghai-huangpu-health";

    @LocalServerPort
    int port;
    @Autowired
    Archive archive;
    @Autowired
    AuditLog audit;
    @Autowired
    MeterRegistry meters;

    @Test
    void aHealthLicenceIsIssuedSealedArchivedAndVerifiedAfterTheBusinessLicence() {
        Http http = new Http(port);
        Http.Response registered = AcceptanceJourneyTests.registerABusiness(http);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String creditCode = registered.json().path("certificate").path("number").asString();
        // a second business, registered after the first: the newest is not the one named
        Http.Response second = AcceptanceJourneyTests.registerABusiness(http);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        String secondCode = second.json().path("certificate").path("number").asString();
        double issuedBefore = issuedCount();

        // the form names the business the place is run under
        Http.Response applied = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                        { "item": "public-place-health-licence",
                          "form": { "venueCategory": "barber-beauty", "premisesAddress": "上海市黄浦区南京东路1号2层",
                                    "staffHealthCertificates": true, "businessLicence": "%s" },
                          "options": { "delivery": "ONLINE" } }""".formatted(creditCode))
                        .file("floor-plan", "plan.pdf", "application/pdf", Fixtures.pdf("平面图"))
                        .file("hygiene-report", "report.pdf", "application/pdf", Fixtures.pdf("卫生检测报告"))
                        .file("hygiene-rules", "rules.pdf", "application/pdf", Fixtures.pdf("卫生管理制度")),
                AcceptanceJourneyTests.key(), "zhangsan");

        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        JsonNode application = applied.json();
        assertThat(application.path("status").asString()).isEqualTo("ISSUED");
        JsonNode certificate = application.path("certificate");
        // the number follows the pattern of templates/public-place-health-licence/template.yaml
        assertThat(certificate.path("number").asString()).matches("WG310101\\d{4}\\d{6}\\d");
        var registeredLicence = archive.certificates().find(java.util.UUID.fromString(certificate.path("id").asString()))
                .orElseThrow();
        assertThat(registeredLicence.type()).isEqualTo(ITEM);
        assertThat(registeredLicence.kind()).isEqualTo(tongban.archive.DocumentKind.CERTIFICATE);
        // valid four years (template.yaml validity), kept in the LONG retention class it declares
        assertThat(registeredLicence.validUntil()).isPresent();
        assertThat(registeredLicence.retention().retentionClass()).isEqualTo("LONG");
        assertThat(http.get("/api/v1/certificates", "zhangsan").body()).contains(certificate.path("number").asString());

        Http.Response pdf = http.get(certificate.path("downloadUrl").asString(), "zhangsan");
        assertThat(pdf.status()).isEqualTo(200);
        String text = text(pdf.bytes());
        assertThat(text).contains("公共场所卫生许可证", "上海市黄浦区张三便利店", "美容美发场所", creditCode,
                "上海市黄浦区卫生健康委员会");
        assertThat(text).doesNotContain(secondCode);
        JsonNode verified = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "licence.pdf", "application/pdf", pdf.bytes()), null, null).json();
        assertThat(verified.path("verdict").asString()).as(verified.toString()).isEqualTo("VALID");
        assertThat(verified.toString()).contains(DEPARTMENT);

        assertThat(archive.packages().find(application.path("id").asString())).isPresent();
        assertThat(audit.recent(5, "CERTIFICATE_ISSUED", "document/" + certificate.path("id").asString())).hasSize(1);
        assertThat(audit.recent(5, "APPLICATION_ISSUED", "application/" + application.path("id").asString()))
                .hasSize(1);
        assertThat(issuedCount()).isEqualTo(issuedBefore + 1);
    }

    @Test
    void noMainJavaSourceNamesTheItemItsTypeOrItsDepartment() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("rules")) && root.getParent() != null) {
            root = root.getParent();
        }
        List<Path> sources;
        try (Stream<Path> files = Stream.of("src", "seal-service", "archive-service")
                .map(root::resolve).map(module -> module.resolve("src/main/java").normalize())
                .filter(Files::isDirectory).flatMap(FourthItemTests::walk)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(100);
        for (Path source : sources) {
            String code = Files.readString(source, StandardCharsets.UTF_8);
            assertThat(code).as(source.toString()).doesNotContain(ITEM, DEPARTMENT, "公共场所");
        }
    }

    private static String text(byte[] pdf) {
        try (PdfDocument doc = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            return PdfTextExtractor.getTextFromPage(doc.getPage(1)).replaceAll("\\s", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private double issuedCount() {
        var counter = meters.find("tongban.documents.issued").tag("type", ITEM).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Stream<Path> walk(Path folder) {
        try {
            return Files.walk(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
