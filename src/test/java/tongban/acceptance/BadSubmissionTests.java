package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;

/**
 * Bad uploads get their code, and the file is never kept; bad requests are problems with a code and store
 * no application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadSubmissionTests {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void eachBadUploadIsRejectedWithItsCode() {
        assertRejected("photo.jpg", "image/jpeg", Fixtures.windowsProgram(), "EXECUTABLE_NOT_ALLOWED");
        assertRejected("lease.pdf", "application/pdf", Fixtures.encryptedPdf(), "ENCRYPTED");
        assertRejected("lease.pdf", "application/pdf", new byte[0], "EMPTY_FILE");
        assertRejected("lease.zip", "application/zip", Fixtures.zipBomb(), null);
        assertRejected("lease.pdf", "application/pdf", Fixtures.jpeg(), "TYPE_MISMATCH");
        assertRejected("lease.pdf", "application/pdf", Fixtures.pdfWithAppendedPrograms(), "EXECUTABLE_NOT_ALLOWED");
    }

    private void assertRejected(String name, String type, byte[] bytes, String code) {
        Response r = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", AcceptanceJourneyTests.REGISTER).file("premises-proof", name, type, bytes),
                AcceptanceJourneyTests.key(), "zhangsan");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("INCOMPLETE");
        assertThat(r.json().path("decision").path("materials").toString())
                .contains("{\"code\":\"premises-proof\",\"status\":\"REJECTED\"");
        var material = r.json().path("materials").get(0);
        assertThat(material.path("accepted").asBoolean()).isFalse();
        if (code != null) {
            assertThat(material.path("rejectionCode").asString()).isEqualTo(code);
        } else {
            assertThat(material.path("rejectionCode").asString()).isNotBlank();
        }
        assertThat(r.json().path("certificate").isNull()).isTrue();
    }

    @Test
    void anUploadOverTheLimitIsRefusedWhole() {
        Response r = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", AcceptanceJourneyTests.REGISTER)
                .file("premises-proof", "big.pdf", "application/pdf", new byte[40 * 1024 * 1024]),
                AcceptanceJourneyTests.key(), "zhangsan");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aMissingKeyUnknownItemOrMaterialAndBrokenJsonAreProblemsThatStoreNothing() {
        Multipart ok = new Multipart().json("application", AcceptanceJourneyTests.REGISTER);
        assertCode(http.postMultipart("/api/v1/applications", ok, null, "zhangsan"), 400, "IDEMPOTENCY_KEY_REQUIRED");
        assertCode(post(new Multipart().json("application", "{\"item\":\"no-such-item\"}")), 404, "UNKNOWN_ITEM");
        assertCode(post(new Multipart().json("application", "{\"item\":")), 400, "MALFORMED_JSON");
        assertCode(post(new Multipart().json("application", AcceptanceJourneyTests.REGISTER)
                .file("passport", "p.pdf", "application/pdf", Fixtures.pdf("p"))), 400, "UNKNOWN_MATERIAL");
        assertCode(post(new Multipart().json("application", AcceptanceJourneyTests.REGISTER.replace("\"retail-general\", ", "\"casino\", "))),
                400, "INVALID_FACTS");
        assertCode(post(new Multipart().file("premises-proof", "l.pdf", "application/pdf", Fixtures.pdf("l"))), 400, "MISSING_PART");
        String before = http.get("/api/v1/applications", "wangwu").body();
        assertCode(http.postMultipart("/api/v1/applications", new Multipart().json("application", "{\"item\":\"residence-permit\",\"form\":{}}"),
                AcceptanceJourneyTests.key(), "wangwu"), 400, "INVALID_FACTS");
        assertThat(http.get("/api/v1/applications", "wangwu").body()).isEqualTo(before);
    }

    @Test
    void twoFilesForOneMaterialAreRefusedAndStoreNothing() {
        String before = http.get("/api/v1/applications", "zhangsan").body();
        Response r = post(new Multipart().json("application", AcceptanceJourneyTests.REGISTER)
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("lease"))
                .file("premises-proof", "lease-copy.pdf", "application/pdf", Fixtures.pdf("lease")));
        assertCode(r, 400, "ONE_FILE_PER_MATERIAL");
        assertThat(r.json().path("field").asString()).isEqualTo("premises-proof");
        assertThat(http.get("/api/v1/applications", "zhangsan").body()).isEqualTo(before);
    }

    @Test
    void moreMultipartPartsThanAllowedAreRefusedWithTheirOwnCode() {
        Multipart parts = new Multipart().json("application", AcceptanceJourneyTests.REGISTER);
        for (int i = 0; i < 48; i++) {
            parts.file("premises-proof", "lease-" + i + ".pdf", "application/pdf", new byte[] {'%'});
        }
        assertCode(post(parts), 413, "TOO_MANY_PARTS");
    }

    @Test
    void aMultipartBodyCutShortIsABadRequest() {
        String cut = "--XYZ\r\nContent-Disposition: form-data; name=\"application\"\r\n\r\n{\"item\":";
        Response r = http.send("POST", "/api/v1/applications", java.net.http.HttpRequest.BodyPublishers.ofString(cut),
                "zhangsan", "multipart/form-data; boundary=XYZ", AcceptanceJourneyTests.key());
        assertCode(r, 400, "MALFORMED_MULTIPART");
    }

    private Response post(Multipart body) {
        return http.postMultipart("/api/v1/applications", body, AcceptanceJourneyTests.key(), "zhangsan");
    }

    private static void assertCode(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().path("code").asString()).isEqualTo(code);
    }
}
