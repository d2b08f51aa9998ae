package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;

/** One applicant never reads, downloads or even learns of another's application or certificate; roles hold. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessBoundaryTests {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anotherApplicantsApplicationAndCertificateAreNotFound() {
        Response mine = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", AcceptanceJourneyTests.REGISTER)
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("lease")),
                AcceptanceJourneyTests.key(), "zhangsan");
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        String application = mine.json().path("id").asString();
        String certificate = mine.json().path("certificate").path("id").asString();

        assertThat(http.get("/api/v1/applications/" + application, "zhangsan").status()).isEqualTo(200);
        for (String path : new String[] {"/api/v1/applications/" + application,
                "/api/v1/certificates/" + certificate + "/pdf", "/api/v1/documents/" + certificate + "/pdf"}) {
            Response theirs = http.get(path, "lisi");
            assertThat(theirs.status()).as(path).isEqualTo(404);
            assertThat(theirs.body()).doesNotContain("zhangsan", "310101199001011234");
        }
        assertThat(http.get("/api/v1/certificates", "lisi").body()).doesNotContain(certificate);
        assertThat(http.get("/api/v1/applications", "lisi").body()).doesNotContain(application);
        assertThat(http.get("/api/v1/applications/not-a-uuid", "lisi").status()).isEqualTo(404);
    }

    @Test
    void applicantEndpointsNeedAnApplicantLogin() {
        assertThat(http.get("/api/v1/applications", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/certificates", null).status()).isEqualTo(401);
        for (String staff : new String[] {"policy", "officer", "operator"}) {
            assertThat(http.get("/api/v1/certificates", staff).status()).as(staff).isEqualTo(403);
        }
    }

    @Test
    void onlyOfficersRevokeAndOnlyOperatorsReadTheAuditLog() {
        String body = "{\"reason\":\"test\"}";
        String path = "/api/v1/certificates/" + java.util.UUID.randomUUID() + "/revoke";
        assertThat(http.post(path, "application/json", HttpRequest.BodyPublishers.ofString(body), "zhangsan").status())
                .isEqualTo(403);
        assertThat(http.post(path, "application/json", HttpRequest.BodyPublishers.ofString(body), "officer").status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/audit", "officer").status()).isEqualTo(403);
        Response audit = http.get("/api/v1/audit", "operator");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain("310101199001011234");
    }
}
