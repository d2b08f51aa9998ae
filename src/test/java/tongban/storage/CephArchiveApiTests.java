package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.archive.ECertificate;
import tongban.archive.ECertificates;
import tongban.archive.Sha256;
import tongban.audit.AuditLog;
import tongban.support.Fixtures;
import tongban.support.Ceph;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a store that enforces Object Lock (Ceph RGW from {@code scripts/ceph-s3.sh}, named by
 * {@code TONGBAN_TEST_CEPH_*}; run by the ceph profile): it starts only because the buckets have Object Lock, says so in
 * health, issues a certificate the store keeps under COMPLIANCE retention, and lets an operator hold it for a dispute.
 */
@Tag("object-lock")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CephArchiveApiTests {

    /** Locked objects outlive the test: every run gets buckets of its own. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static MinioClient sameCredentials;

    @LocalServerPort
    int port;
    @Autowired
    ECertificates certificates;
    @Autowired
    AuditLog auditLog;

    @DynamicPropertySource
    static void ceph(DynamicPropertyRegistry properties) {
        properties.add("tongban.s3.endpoint", () -> Ceph.setting("ENDPOINT"));
        properties.add("tongban.s3.access-key", () -> Ceph.setting("ACCESS_KEY"));
        properties.add("tongban.s3.secret-key", () -> Ceph.setting("SECRET_KEY"));
        properties.add("tongban.s3.bucket-certificates", () -> "tongban-certificates-" + RUN);
        properties.add("tongban.s3.bucket-archive", () -> "tongban-archive-" + RUN);
        properties.add("tongban.archive.require-object-lock", () -> "true");
        // a database of its own: the registry must not list objects of the embedded store's buckets
        properties.add("tongban.data-dir", () -> "src/target/test-data-ceph");
    }

    @BeforeAll
    static void client() {
        sameCredentials = MinioClient.builder().endpoint(Ceph.setting("ENDPOINT"))
                .credentials(Ceph.setting("ACCESS_KEY"), Ceph.setting("SECRET_KEY"))
                .region("us-east-1").build();
    }

    @AfterAll
    static void close() throws Exception {
        sameCredentials.close();
    }

    @Test
    void healthReportsWormEnforcedByTheStore() {
        JsonNode worm = new Http(port).get("/actuator/health", "operator").json().path("components").path("worm");

        assertThat(worm.path("status").asString()).isEqualTo("UP");
        assertThat(worm.path("details").path("enforcedByStore").asBoolean()).isTrue();
        assertThat(worm.path("details").path("mode").asString()).isEqualTo("S3 Object Lock, COMPLIANCE retention per object");
        assertThat(worm.path("details").path("defaultRetention").path("tongban-certificates-" + RUN).asString())
                .isEqualTo("COMPLIANCE 10 years");
    }

    @Test
    void anIssuedCertificateIsKeptByTheStoreAndAnOperatorHoldsItForADispute() throws Exception {
        Http http = new Http(port);
        Http.Response issued = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                { "item": "individual-business-registration",
                  "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general"],
                            "premisesAddress": "上海市黄浦区南京东路1号" },
                  "options": { "delivery": "ONLINE" } }""")
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")), "ceph-" + UUID.randomUUID(), "zhangsan");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String applicationId = issued.json().path("id").asString();
        ECertificate certificate = certificates.find(UUID.fromString(issued.json().path("certificate").path("id").asString()))
                .orElseThrow();
        assertThat(certificate.retention().enforcedByStore()).isTrue();
        assertThat(certificate.location().versionId()).isPresent();

        // the store refuses to delete it, even asked with the application's own credentials
        assertThatThrownBy(() -> sameCredentials.removeObject(RemoveObjectArgs.builder().bucket(certificate.location().bucket())
                .object(certificate.location().key()).versionId(certificate.location().versionId().get()).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.response().code()).isEqualTo(403));

        // a delete without a version id only puts a delete marker over it: the holder still downloads the PDF, and
        // the operators' reconciliation names the attempt
        sameCredentials.removeObject(RemoveObjectArgs.builder().bucket(certificate.location().bucket())
                .object(certificate.location().key()).build());
        Http.Response pdf = http.get(issued.json().path("certificate").path("downloadUrl").asString(), "zhangsan");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(Sha256.of(pdf.bytes())).isEqualTo(certificate.sha256());
        JsonNode reconciliation = http.get("/api/v1/archive/reconciliation", "operator").json();
        assertThat(reconciliation.path("deleteMarkers").findValuesAsString("recordId")).contains(certificate.id().toString());
        assertThat(reconciliation.path("missing").isEmpty()).isTrue();

        String path = "/api/v1/archive/certificates/" + certificate.id();
        JsonNode lock = http.get(path + "/lock", "operator").json();
        assertThat(lock.path("mode").asString()).isEqualTo("COMPLIANCE");
        // the store locks until the class's date, or until the latest date it can keep (RGW: 2106) for a longer class
        // such as a business licence's PERMANENT; the registry keeps the class's own date
        Instant retainUntil = certificate.retention().retainUntil();
        assertThat(Instant.parse(lock.path("retainUntil").asString())).isEqualTo(
                retainUntil.isAfter(tongban.archive.Retention.LOCK_HORIZON) ? tongban.archive.Retention.LOCK_HORIZON : retainUntil);
        assertThat(lock.path("legalHold").asBoolean()).isFalse();

        Http.Response held = http.send("PUT", path + "/legal-hold",
                HttpRequest.BodyPublishers.ofString("{\"on\": true, \"reason\": \"(2026)沪0101行初1号\"}"), "operator", "application/json");
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().path("legalHold").asBoolean()).isTrue();
        assertThat(auditLog.recent(10, "LEGAL_HOLD_PLACED", "certificate/" + certificate.id())).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("operator"));

        Http.Response packageHeld = http.send("PUT", "/api/v1/archive/packages/" + applicationId + "/legal-hold",
                HttpRequest.BodyPublishers.ofString("{\"on\": true, \"reason\": \"case 1\"}"), "operator", "application/json");
        assertThat(packageHeld.status()).as(packageHeld.body()).isEqualTo(200);
        assertThat(packageHeld.json().path("legalHold").asBoolean()).isTrue();

        Http.Response lifted = http.send("PUT", path + "/legal-hold",
                HttpRequest.BodyPublishers.ofString("{\"on\": false, \"reason\": \"judgment final\"}"), "operator", "application/json");
        assertThat(lifted.json().path("legalHold").asBoolean()).isFalse();
    }
}
