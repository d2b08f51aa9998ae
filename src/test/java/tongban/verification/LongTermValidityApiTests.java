package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The renewal job over HTTP: an operator runs it (audited), each document due gets a new archived revision, the
 * holder downloads the newest, and the issued file and every revision verify VALID. Its own data directory, and a
 * horizon longer than the local TSA's certificate lives, so every document is due.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        VerificationTestApp.NO_RATE_LIMIT, LongTermValidityApiTests.OWN_DATA, "tongban.renewal.horizon=36500d",
        LongTermValidityApiTests.PATIENT})
class LongTermValidityApiTests extends IssuedCertificateTestBase {

    /** Rotations, revocations and renewals change the keys and the archive: a data directory of their own. */
    static final String OWN_DATA = "tongban.data-dir=src/target/test-data-long-term";
    /** A first verification in a cold JVM on a loaded machine may take more than the public 1.5 s. */
    static final String PATIENT = "tongban.verification.timeout=20s";

    @Autowired
    DataSource dataSource;

    @Test
    void anOperatorRunsTheRenewalAndEveryRevisionVerifiesWhileDownloadsServeTheNewest() throws Exception {
        Certificates.Issued issued = certificates.issueTo("310101199001011234");

        assertThat(http.post("/api/v1/archive/renewal", null, noBody(), null).status()).isEqualTo(401);
        assertThat(http.post("/api/v1/archive/renewal", null, noBody(), "officer").status()).isEqualTo(403);
        renewNow();

        JsonNode chain = http.get("/api/v1/archive/certificates/" + issued.id() + "/revisions", "operator").json();
        assertThat(chain.size()).isEqualTo(2);
        assertThat(chain.get(0).path("revision").asInt()).isEqualTo(1);
        assertThat(chain.get(0).path("sha256").asString()).isEqualTo(GenuineCertificateTests.sha256(issued.pdf()));
        assertThat(chain.get(1).path("revision").asInt()).isEqualTo(2);
        assertThat(chain.get(1).path("previousSha256").asString()).isEqualTo(chain.get(0).path("sha256").asString());
        assertThat(chain.get(1).path("objectKey").asString()).endsWith(".r2.pdf");
        byte[] renewed = http.get("/api/v1/certificates/" + issued.id() + "/pdf", "zhangsan").bytes();
        assertThat(GenuineCertificateTests.sha256(renewed)).isEqualTo(chain.get(1).path("sha256").asString());
        assertThat(Arrays.equals(renewed, 0, issued.pdf().length, issued.pdf(), 0, issued.pdf().length)).isTrue();

        JsonNode original = verify(issued.pdf());
        JsonNode revision = verify(renewed);
        assertThat(original.path("verdict").asString()).as(original.toString()).isEqualTo("VALID");
        assertThat(original.path("signatures").get(0).path("level").asString()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(revision.path("verdict").asString()).as(revision.toString()).isEqualTo("VALID");
        assertThat(revision.path("checks").path("archive").path("code").asString())
                .isEqualTo("ARCHIVED_ORIGINAL_WITH_ALLOWED_REVISIONS");
        assertThat(revision.path("signatures").get(0).path("level").asString()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(http.get("/api/v1/audit?target=certificate/" + issued.id(), "operator").body())
                .contains("CERTIFICATE_RENEWED");
        assertThat(http.get("/api/v1/archive/certificates/not-a-uuid/revisions", "operator").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/archive/certificates/" + java.util.UUID.randomUUID() + "/revisions",
                "operator").json().path("code").asString()).isEqualTo("CERTIFICATE_NOT_FOUND");
        assertThat(http.get("/api/v1/archive/certificates/" + issued.id() + "/revisions", "zhangsan").status())
                .isEqualTo(403);
    }

    @Test
    void whileAnotherNodeRenewsTheOperatorIsToldSo() throws Exception {
        try (Connection otherNode = dataSource.getConnection()) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!lock(otherNode, "pg_try_advisory_lock")) {
                assertThat(Instant.now()).as("a renewal run of another test holds the lock").isBefore(deadline);
                Thread.sleep(50);
            }
            try {
                Http.Response busy = http.post("/api/v1/archive/renewal", null, noBody(), "operator");
                assertThat(busy.status()).isEqualTo(409);
                assertThat(busy.isProblem()).isTrue();
                assertThat(busy.json().path("code").asString()).isEqualTo("RENEWAL_RUNNING");
            } finally {
                assertThat(lock(otherNode, "pg_advisory_unlock")).isTrue();
            }
        }
    }

    /** Starts a run as the operator and waits for its outcome in the audit log. */
    void renewNow() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Http.Response started = http.post("/api/v1/archive/renewal", null, noBody(), "operator");
        while (started.status() == 409) {
            assertThat(Instant.now()).as("another renewal run for 2 minutes").isBefore(deadline);
            Thread.sleep(100);
            started = http.post("/api/v1/archive/renewal", null, noBody(), "operator");
        }
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String run = started.json().path("runId").asString();
        assertThat(http.get("/api/v1/audit?target=renewal/" + run, "operator").body()).contains("RENEWAL_STARTED");
        while (!http.get("/api/v1/audit?action=RENEWAL_RUN&target=renewal/" + run, "operator").body()
                .contains("RENEWAL_RUN")) {
            assertThat(Instant.now()).as("renewal run " + run + " finished").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode verify(byte[] pdf) {
        return http.postMultipart("/api/v1/verify", new Multipart().file("file", "licence.pdf", "application/pdf", pdf),
                null, null).json();
    }

    private static java.net.http.HttpRequest.BodyPublisher noBody() {
        return java.net.http.HttpRequest.BodyPublishers.noBody();
    }

    private static boolean lock(Connection connection, String function) throws Exception {
        try (PreparedStatement call = connection.prepareStatement("select " + function + "(?, ?)")) {
            call.setInt(1, 0x7462);
            call.setInt(2, 2);
            try (ResultSet row = call.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
