package tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.ECertificate;
import tongban.archive.ECertificates;
import tongban.support.Http;
import tongban.support.StoredCertificates;
import tools.jackson.databind.JsonNode;

/**
 * Every state change a person makes over HTTP leaves one truthful audit entry: a rule-pack reload, a reconciliation
 * clean, a fixity audit started by hand, a revocation — and a second revocation of the same certificate is refused,
 * not logged as a new one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailTests {

    @LocalServerPort
    int port;
    @Autowired
    AuditLog audit;
    @Autowired
    ECertificates certificates;

    @Test
    void aRulePackReloadIsAuditedWithTheVersionsNowServing() {
        long before = audit.recent(1000, "RULE_PACKS_RELOADED", "rule-packs").size();

        Http.Response r = http().post("/api/v1/rule-packs/reload", null, HttpRequest.BodyPublishers.noBody(), "policy");

        assertThat(r.status()).isEqualTo(200);
        var entries = audit.recent(1000, "RULE_PACKS_RELOADED", "rule-packs");
        assertThat(entries).hasSize((int) before + 1);
        AuditLog.Entry entry = entries.get(0);
        assertThat(entry.actor()).isEqualTo("policy");
        JsonNode detail = (JsonNode) entry.detail();
        for (JsonNode pack : r.json().path("packs")) {
            assertThat(detail.path(pack.path("item").asString()).asString()).isEqualTo(pack.path("version").asString());
        }
    }

    @Test
    void aReconciliationCleanIsAuditedWithWhatItDeleted() {
        long before = audit.recent(1000, "ORPHANS_CLEANED", "archive").size();

        Http.Response r = http().post("/api/v1/archive/reconciliation/clean", null, HttpRequest.BodyPublishers.noBody(),
                "operator");

        assertThat(r.status()).isEqualTo(200);
        var entries = audit.recent(1000, "ORPHANS_CLEANED", "archive");
        assertThat(entries).hasSize((int) before + 1);
        assertThat(entries.get(0).actor()).isEqualTo("operator");
        assertThat(((JsonNode) entries.get(0).detail()).path("count").asInt()).isEqualTo(r.json().path("deleted").size());
    }

    @Test
    void aFixityAuditStartedByAnOperatorIsAuditedWithItsRun() throws InterruptedException {
        Http.Response r;
        do {
            r = http().post("/api/v1/archive/audit", null, HttpRequest.BodyPublishers.noBody(), "operator");
            if (r.status() == 409) {
                assertThat(r.json().path("code").asString()).isEqualTo("AUDIT_RUNNING");
                Thread.sleep(200);
            }
        } while (r.status() == 409);
        assertThat(r.status()).isEqualTo(202);

        String run = r.json().path("runId").asString();
        assertThat(audit.recent(10, "FIXITY_AUDIT_STARTED", "fixity-audit/" + run)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("operator"));
    }

    @Test
    void aCertificateIsRevokedOnceAndASecondRevocationIsRefusedNotLogged() {
        ECertificate stored = store();
        String path = "/api/v1/certificates/" + stored.id() + "/revoke";

        Http.Response first = http().postJson(path, "{\"reason\":\"以欺骗手段取得登记\"}", "officer");
        Http.Response second = http().postJson(path, "{\"reason\":\"另一个理由\"}", "officer");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("status").asString()).isEqualTo("REVOKED");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.isProblem()).isTrue();
        assertThat(second.json().path("code").asString()).isEqualTo("ALREADY_REVOKED");
        assertThat(audit.recent(10, "CERTIFICATE_REVOKED", "certificate/" + stored.id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("officer");
                    assertThat(((JsonNode) e.detail()).path("reason").asString()).isEqualTo("以欺骗手段取得登记");
                });
        assertThat(certificates.find(stored.id()).orElseThrow().statusReason()).contains("以欺骗手段取得登记");
    }

    private ECertificate store() {
        return StoredCertificates.store(certificates, "audit trail");
    }

    private Http http() {
        return new Http(port);
    }
}
