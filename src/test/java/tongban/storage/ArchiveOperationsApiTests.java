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
import tongban.archive.ECertificate;
import tongban.archive.ECertificates;
import tongban.archive.ObjectContent;
import tongban.archive.ObjectLocation;
import tongban.archive.ObjectStore;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.support.Http;
import tongban.support.StoredCertificates;
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
            assertThat(r.json().path("deleteMarkers").isArray()).isTrue();
        } finally {
            store.delete(ObjectLocation.of("tongban-certificates", key));
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

    @Test
    void theLockOfACertificateSaysTheEmbeddedStoreHasNoneAndALegalHoldIsRefusedWithItsReason() {
        ECertificate stored = store("hold");
        String path = "/api/v1/archive/certificates/" + stored.id();

        Http.Response lock = http().get(path + "/lock", "operator");
        assertThat(lock.status()).isEqualTo(200);
        assertThat(lock.json().path("mode").isNull()).isTrue();
        assertThat(lock.json().path("legalHold").asBoolean()).isFalse();

        Http.Response hold = http().send("PUT", path + "/legal-hold", json("{\"on\": true, \"reason\": \"(2026)沪0101行初1号\"}"),
                "operator", "application/json");
        assertThat(hold.status()).isEqualTo(409);
        assertThat(hold.json().path("code").asString()).isEqualTo("OBJECT_LOCK_UNAVAILABLE");
        assertThat(hold.json().path("detail").asString()).contains("tongban-certificates");
    }

    @Test
    void aLegalHoldRequestWithoutItsSwitchOrReasonIsRefusedBeforeTheStoreIsAsked() {
        String path = "/api/v1/archive/certificates/" + store("bad hold").id() + "/legal-hold";

        for (String body : new String[] {"{\"reason\": \"case 1\"}", "{\"on\": \"yes\", \"reason\": \"case 1\"}",
                "{\"on\": null, \"reason\": \"case 1\"}", "null", "[true]"}) {
            Http.Response r = http().send("PUT", path, json(body), "operator", "application/json");
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("code").asString()).as(body).isEqualTo("INVALID_LEGAL_HOLD");
        }
        for (String body : new String[] {"{\"on\": true}", "{\"on\": true, \"reason\": \" \"}",
                "{\"on\": true, \"reason\": 7}", "{\"on\": false, \"reason\": \"" + "x".repeat(501) + "\"}"}) {
            Http.Response r = http().send("PUT", path, json(body), "operator", "application/json");
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("code").asString()).as(body).isEqualTo("REASON_REQUIRED");
        }
        for (String broken : new String[] {"{\"on\": tru", ""}) {
            Http.Response r = http().send("PUT", path, json(broken), "operator", "application/json");
            assertThat(r.status()).as(broken).isEqualTo(400);
            assertThat(r.isProblem()).as(broken).isTrue();
        }
        assertThat(http().send("PUT", path, json("{\"on\": true, \"reason\": \"r\"}"), "operator", "text/plain").status())
                .isEqualTo(415);
    }

    @Test
    void locksAndHoldsOfUnknownObjectsAreNotFound() {
        String hold = "{\"on\": true, \"reason\": \"case 1\"}";
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            Http.Response lock = http().get("/api/v1/archive/certificates/" + id + "/lock", "operator");
            assertThat(lock.status()).isEqualTo(404);
            assertThat(lock.json().path("code").asString()).isEqualTo("CERTIFICATE_NOT_FOUND");
            assertThat(http().send("PUT", "/api/v1/archive/certificates/" + id + "/legal-hold", json(hold), "operator",
                    "application/json").json().path("code").asString()).isEqualTo("CERTIFICATE_NOT_FOUND");
        }
        Http.Response lock = http().get("/api/v1/archive/packages/APP-NONE/lock", "operator");
        assertThat(lock.status()).isEqualTo(404);
        assertThat(lock.json().path("code").asString()).isEqualTo("PACKAGE_NOT_FOUND");
        assertThat(http().send("PUT", "/api/v1/archive/packages/APP-NONE/legal-hold", json(hold), "operator",
                "application/json").status()).isEqualTo(404);
    }

    @Test
    void legalHoldsAreForOperatorsOnly() {
        String path = "/api/v1/archive/certificates/" + store("roles").id();
        String hold = "{\"on\": true, \"reason\": \"case 1\"}";
        for (String user : new String[] {"zhangsan", "acme", "officer", "policy"}) {
            assertThat(http().get(path + "/lock", user).status()).as(user).isEqualTo(403);
            assertThat(http().send("PUT", path + "/legal-hold", json(hold), user, "application/json").status()).as(user).isEqualTo(403);
        }
        assertThat(http().get(path + "/lock", null).status()).isEqualTo(401);
        assertThat(http().send("PUT", path + "/legal-hold", json(hold), null, "application/json").status()).isEqualTo(401);
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private Http http() {
        return new Http(port);
    }

    private ECertificate store(String label) {
        return StoredCertificates.store(certificates, label);
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
