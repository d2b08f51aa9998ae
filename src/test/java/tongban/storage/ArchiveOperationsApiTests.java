package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.ArchiveResult;
import tongban.archive.ECertificate;
import tongban.archive.ECertificates;
import tongban.archive.ObjectContent;
import tongban.archive.ObjectStore;
import tongban.archive.StoreCertificate;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;

/** Operators audit the archive's fixity and reconcile store and registry over HTTP; nobody else may. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArchiveOperationsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ECertificates certificates;

    @Autowired
    ObjectStore store;

    @Autowired
    EmbeddedS3Server embeddedS3;

    @Test
    void anAuditStartedByAnOperatorNamesAnObjectCorruptedOnDisk() throws Exception {
        ECertificate stored = store("corrupted");
        Path file = embeddedS3.objectFile(stored.location().bucket(), stored.location().key());
        byte[] original = Files.readAllBytes(file);
        Files.write(file, "%PDF-1.7 forged".getBytes());
        try {
            JsonNode run = finishedRun(start());

            assertThat(run.path("state").asString()).isEqualTo("FINISHED");
            assertThat(run.path("findings").findValuesAsString("key")).contains(stored.location().key());
            JsonNode finding = findingOf(run, stored.location().key());
            assertThat(finding.path("kind").asString()).isEqualTo("MISMATCH");
            assertThat(finding.path("recordId").asString()).isEqualTo(stored.id().toString());
            assertThat(http().get("/api/v1/archive/audit/latest", "operator").json().path("id").asString())
                    .isEqualTo(run.path("id").asString());
        } finally {
            Files.write(file, original);
        }
    }

    @Test
    void reconciliationReportsAnObjectNobodyRegistered() {
        String key = "stray/" + UUID.randomUUID() + ".pdf";
        store.putIfAbsent("tongban-certificates", key, ObjectContent.of("%PDF-1.7 stray".getBytes()), Map.of(), Optional.empty());
        try {
            Http.Response r = http().get("/api/v1/archive/reconciliation", "operator");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("orphans").findValuesAsString("key")).contains(key);
            assertThat(r.json().path("missing").isArray()).isTrue();
        } finally {
            store.delete("tongban-certificates", key);
        }
    }

    @Test
    void anUnknownAuditRunIsAProblemWithItsCode() {
        Http.Response r = http().get("/api/v1/archive/audit/runs/" + UUID.randomUUID(), "operator");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().path("code").asString()).isEqualTo("AUDIT_RUN_NOT_FOUND");
    }

    @Test
    void theArchiveEndpointsNeedALogin() {
        assertThat(http().post("/api/v1/archive/audit", null, HttpRequest.BodyPublishers.noBody(), null).status()).isEqualTo(401);
        assertThat(http().get("/api/v1/archive/reconciliation", null).status()).isEqualTo(401);
    }

    @Test
    void theArchiveEndpointsAreForOperatorsOnly() {
        assertThat(http().post("/api/v1/archive/audit", null, HttpRequest.BodyPublishers.noBody(), "zhangsan").status()).isEqualTo(403);
        assertThat(http().get("/api/v1/archive/reconciliation", "officer").status()).isEqualTo(403);
        assertThat(http().post("/api/v1/archive/reconciliation/clean", null, HttpRequest.BodyPublishers.noBody(), "policy").status())
                .isEqualTo(403);
    }

    private Http http() {
        return new Http(port);
    }

    private ECertificate store(String label) {
        byte[] pdf = ("%PDF-1.7\n% " + label + " " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
        ArchiveResult<ECertificate> result = certificates.store(new StoreCertificate(UUID.randomUUID(), "test-certificate",
                "T-" + UUID.randomUUID(), "310101199001011234", "上海市黄浦区市场监督管理局", Instant.now(), Optional.empty(), pdf));
        return ((ArchiveResult.Stored<ECertificate>) result).record();
    }

    /** POSTs an audit, waiting if another run is still going; the new run's id. */
    private String start() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            Http.Response r = http().post("/api/v1/archive/audit", null, HttpRequest.BodyPublishers.noBody(), "operator");
            if (r.status() == 202) {
                return r.json().path("runId").asString();
            }
            assertThat(r.json().path("code").asString()).isEqualTo("AUDIT_RUNNING");
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private JsonNode finishedRun(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            Http.Response r = http().get("/api/v1/archive/audit/runs/" + id, "operator");
            if (r.status() == 200 && !r.json().path("state").asString().equals("RUNNING")) {
                return r.json();
            }
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonNode findingOf(JsonNode run, String key) {
        for (JsonNode finding : run.path("findings")) {
            if (finding.path("key").asString().equals(key)) {
                return finding;
            }
        }
        throw new AssertionError(key + " not among the findings");
    }
}
