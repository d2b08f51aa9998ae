package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.archive.ArchiveResult;
import tongban.archive.StoreCertificate;
import tongban.documents.RenderCertificate;
import tongban.support.Fixtures;
import tongban.support.Http;

/**
 * A certificate registered for a holder with no application pointing to it (what a crash mid-issuance left before
 * numbers were reserved in a committed step) is not the holder's: never listed to them, and reported by
 * reconciliation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnclaimedDocumentTests {

    @LocalServerPort
    int port;
    @Autowired
    Archive archive;
    @Autowired
    RenderCertificate templates;

    @Test
    void aRegisteredCertificateNoApplicationClaimsIsReportedAndNeverListedToItsHolder() {
        UUID id = UUID.randomUUID();
        String number = templates.type("business-licence").orElseThrow().number("310115", LocalDate.now(),
                Math.abs(id.getLeastSignificantBits() % 887_503_681L), Map.of());
        ArchiveResult<?> stored = archive.certificates().store(new StoreCertificate(id, "business-licence", number,
                SubmissionStorm.HOLDER, "上海市市场监督管理局", Instant.now(), Optional.empty(),
                Fixtures.pdf("a licence left by a crash")));
        assertThat(stored).isInstanceOf(ArchiveResult.Stored.class);
        Http http = new Http(port);

        assertThat(http.get("/api/v1/certificates", "zhangsan").body()).doesNotContain(id.toString());
        Http.Response reconciliation = http.get("/api/v1/archive/reconciliation", "operator");
        assertThat(reconciliation.status()).isEqualTo(200);
        assertThat(reconciliation.json().path("unclaimedDocuments").findValuesAsString("id")).contains(id.toString());
        assertThat(reconciliation.body()).doesNotContain(SubmissionStorm.HOLDER);
    }
}
