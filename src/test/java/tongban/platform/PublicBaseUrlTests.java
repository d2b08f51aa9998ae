package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With no {@code tongban.public-base-url}, documents point to the port the server really listens on: a server on a
 * random port issues a certificate and a notice whose verification links (in the QR code and the attached data)
 * name that port, not 8080.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicBaseUrlTests {

    @LocalServerPort
    int port;

    @Test
    void issuedDocumentsLinkToThePortActuallyServed() {
        assertThat(port).isNotEqualTo(8080);
        Http http = new Http(port);
        Http.Response issued = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", """
                        { "item": "individual-business-registration",
                          "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general"],
                                    "premisesAddress": "上海市黄浦区南京东路1号" } }""")
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")),
                "base-url-" + UUID.randomUUID(), "zhangsan");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode certificate = issued.json().path("certificate");
        byte[] pdf = http.get(certificate.path("downloadUrl").asString(), "zhangsan").bytes();
        assertThat(attached(pdf, "certificate.json").path("verifyUrl").asString())
                .isEqualTo("http://localhost:" + port + "/verify/" + certificate.path("id").asString());

        Http.Response incomplete = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", """
                        { "item": "individual-business-registration",
                          "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" } }"""),
                "base-url-" + UUID.randomUUID(), "zhangsan");
        JsonNode notice = incomplete.json().path("documents").get(0);
        byte[] noticePdf = http.get(notice.path("downloadUrl").asString(), "zhangsan").bytes();
        assertThat(attached(noticePdf, "notice.json").path("verifyUrl").asString())
                .isEqualTo("http://localhost:" + port + "/verify/" + notice.path("id").asString());
    }

    @Test
    void aConfiguredUrlWinsAndARandomPortIsKnownOnlyOnceServed() {
        assertThat(new PublicBaseUrl("https://tongban.example.gov.cn/", 0).get())
                .isEqualTo(URI.create("https://tongban.example.gov.cn"));
        assertThat(new PublicBaseUrl("", 8081).beforeStart()).contains(URI.create("http://localhost:8081"));
        assertThat(new PublicBaseUrl("", 0).beforeStart()).isEmpty();
    }

    private static JsonNode attached(byte[] file, String name) {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(file)))) {
            PdfDictionary spec = pdf.getCatalog().getPdfObject().getAsArray(PdfName.AF).getAsDictionary(0);
            assertThat(spec.getAsString(PdfName.UF).toUnicodeString()).isEqualTo(name);
            return JsonMapper.builder().build().readTree(spec.getAsDictionary(PdfName.EF).getAsStream(PdfName.F).getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
