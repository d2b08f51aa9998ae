package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * Every decision that ends without a certificate gives the applicant a sealed document: the notice of what is
 * missing (all of it at once), of acceptance, or a refusal with its legal basis — listed on the application,
 * downloadable by its holder only, and verifiable like a certificate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoticeJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    SealService seals;
    @Autowired
    tongban.archive.Archive archive;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anIncompleteApplicationGetsANoticeNamingEveryMissingMaterial() {
        Response r = submit("zhangsan", AcceptanceJourneyTests.REGISTER.replace("\"retail-general\", \"catering\"",
                "\"retail-general\", \"hazardous-chemicals-retail\""), new Multipart());
        assertThat(r.json().path("status").asString()).isEqualTo("INCOMPLETE");
        String text = documentText(r.json(), "NOTICE_INCOMPLETE", "zhangsan");
        assertThat(text).contains("补正", "经营场所使用证明", "前置审批文件");
    }

    @Test
    void aRefusalStatesEachReasonWithItsBasisAndTheRemedies() {
        Response r = submit("wangwu", """
                { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
                  "options": { "delivery": "POST" } }""",
                new Multipart().file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()));
        assertThat(r.json().path("status").asString()).isEqualTo("INELIGIBLE");
        String text = documentText(r.json(), "DECISION_REFUSED", "wangwu");
        assertThat(text).contains("居住证暂行条例", "行政复议", "行政诉讼", "上海市公安局");
    }

    @Test
    void anApplicationWaitingForItsVisitGetsAnAcceptanceNoticeAndNoNoticeIsACertificate() {
        Response r = submit("lisi", """
                { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
                  "options": { "delivery": "POST" } }""",
                new Multipart().file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()));
        assertThat(r.json().path("status").asString()).isEqualTo("ACCEPTED");
        String text = documentText(r.json(), "NOTICE_ACCEPTED", "lisi");
        assertThat(text).contains("受理");
        String notice = r.json().path("documents").get(0).path("id").asString();
        assertThat(http.get("/api/v1/certificates", "lisi").body()).doesNotContain(notice);
        // registered as what it is: a notice, never an e-certificate to reuse
        assertThat(archive.certificates().find(java.util.UUID.fromString(notice)).orElseThrow().kind())
                .isEqualTo(tongban.archive.DocumentKind.NOTICE);
        assertThat(http.get("/api/v1/documents/" + notice + "/pdf", "zhangsan").status()).isEqualTo(404);
    }

    private String documentText(JsonNode application, String kind, String user) {
        JsonNode document = application.path("documents").get(0);
        assertThat(document.path("kind").asString()).isEqualTo(kind);
        Response pdf = http.get(document.path("downloadUrl").asString(), user);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(seals.verify(pdf.bytes()).verdict()).isEqualTo(VerificationReport.Verdict.VALID);
        // the public verification finds the notice in the registry and the archive, like a certificate
        Response verified = http.postMultipart("/api/v1/verify", new Multipart().file("file", "notice.pdf",
                "application/pdf", pdf.bytes()), null, null);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("verdict").asString()).isEqualTo("VALID");
        assertThat(verified.json().path("checks").path("status").path("code").asString()).isEqualTo("CERTIFICATE_VALID");
        try (PdfDocument doc = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf.bytes())))) {
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                text.append(PdfTextExtractor.getTextFromPage(doc.getPage(page)));
            }
            return text.toString().replaceAll("\\s+", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response submit(String user, String application, Multipart files) {
        Response r = http.postMultipart("/api/v1/applications", files.json("application", application),
                AcceptanceJourneyTests.key(), user);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }
}
