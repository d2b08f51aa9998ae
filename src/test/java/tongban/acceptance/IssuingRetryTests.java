package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;

/**
 * Issuing fails half-way when the object store is down: the answer says so (503), nothing is registered, and
 * the same request with the same key, once the store is back, issues exactly one certificate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tongban.s3.retry.attempts=2", "tongban.s3.retry.first-delay=50ms", "tongban.s3.retry.max-delay=100ms"})
class IssuingRetryTests {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedS3Server s3;
    @Autowired
    Archive archive;

    @Test
    void aSubmissionInterruptedByAnOutageIsCompletedByItsRetryWithOneCertificate() {
        Http http = new Http(port);
        String key = AcceptanceJourneyTests.key();
        byte[] lease = Fixtures.pdf("lease for an outage");
        String holder = "310101199001011234";
        int before = archive.certificates().listByHolder(holder).size();

        s3.stop();
        Response failed;
        try {
            failed = submit(http, key, lease);
        } finally {
            s3.restart();
        }
        assertThat(failed.status()).as(failed.body()).isEqualTo(503);
        assertThat(failed.json().path("code").asString()).isIn("ISSUING_FAILED", "ARCHIVE_UNAVAILABLE");
        assertThat(archive.certificates().listByHolder(holder)).hasSize(before);

        Response retried = submit(http, key, lease);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().path("status").asString()).isEqualTo("ISSUED");
        Response again = submit(http, key, lease);
        assertThat(again.json().path("certificate").path("id").asString())
                .isEqualTo(retried.json().path("certificate").path("id").asString());
        assertThat(archive.certificates().listByHolder(holder)).hasSize(before + 1);
    }

    private static Response submit(Http http, String key, byte[] lease) {
        return http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", AcceptanceJourneyTests.REGISTER)
                .file("premises-proof", "lease.pdf", "application/pdf", lease), key, "zhangsan");
    }
}
