package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;

/** Operators see how many verifications ended how, and how long they took, in the Prometheus metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
class VerificationMetricsTests {

    @LocalServerPort
    int port;
    @Autowired
    RenderCertificate render;
    @Autowired
    SealService seals;
    @Autowired
    Archive archive;

    @Test
    void verificationsAreCountedAndTimedByVerdictOrRefusal() {
        Http http = new Http(port);
        byte[] genuine = new Certificates(render, seals, archive).issue().pdf();
        http.postMultipart("/api/v1/verify", new Multipart().file("file", "a.pdf", "application/pdf", genuine), null, null);
        http.postMultipart("/api/v1/verify", new Multipart().file("file", "a.jpg", "image/jpeg", Fixtures.jpeg()), null,
                null);

        String metrics = http.get("/actuator/prometheus", "operator").body();

        assertThat(metrics).containsPattern("tongban_verifications_seconds_count\\{[^}]*verdict=\"VALID\"[^}]*} [1-9]")
                .containsPattern("tongban_verifications_seconds_count\\{[^}]*verdict=\"NOT_A_PDF\"[^}]*} [1-9]")
                .contains("tongban_verifications_seconds_bucket");
    }
}
