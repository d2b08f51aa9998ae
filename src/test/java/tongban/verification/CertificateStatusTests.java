package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;

/** The public status of an issued certificate: what it is, who issued it, whether it holds, and nothing personal. */
class CertificateStatusTests extends IssuedCertificateTestBase {


    @Test
    void anIssuedCertificatesStatusIsPublicAndNamesNoOne() {
        Certificates.Issued issued = certificates.issue();

        Http.Response response = http.get("/api/v1/certificates/" + issued.id() + "/status", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode status = response.json();
        assertThat(status.path("certificateId").asString()).isEqualTo(issued.id().toString());
        assertThat(status.path("status").asString()).isEqualTo("VALID");
        assertThat(status.path("statusReason").isNull()).isTrue();
        assertThat(status.path("statusChangedAt").asString()).isEqualTo(status.path("issuedAt").asString());
        assertThat(status.path("type").asString()).isEqualTo("business-licence");
        assertThat(status.path("number").asString()).isEqualTo(issued.number());
        assertThat(status.path("issuer").asString()).isEqualTo("上海市市场监督管理局");
        assertThat(status.path("validUntil").isNull()).isTrue();
        assertThat(status.path("sha256").asString()).isEqualTo(GenuineCertificateTests.sha256(issued.pdf()));
        assertThat(response.body()).doesNotContain("310101198503121236").doesNotContain("陈建国").doesNotContain("holder");
    }

    @Test
    void aRevokedCertificateSaysWhenAndWhy() {
        Certificates.Issued issued = certificates.issue();
        certificates.revoke(issued.id(), "以欺骗手段取得登记");

        JsonNode status = http.get("/api/v1/certificates/" + issued.id() + "/status", null).json();

        assertThat(status.path("status").asString()).isEqualTo("REVOKED");
        assertThat(status.path("statusReason").asString()).isEqualTo("以欺骗手段取得登记");
        assertThat(status.path("statusChangedAt").asString()).isNotEqualTo(status.path("issuedAt").asString());
    }

    @Test
    void anExpiredCertificateSaysSince() {
        Certificates.Issued issued = certificates.issueExpired();

        JsonNode status = http.get("/api/v1/certificates/" + issued.id() + "/status", null).json();

        assertThat(status.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(status.path("statusChangedAt").asString()).isEqualTo(status.path("validUntil").asString());
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-an-id", "x".repeat(500)}) {
            Http.Response response = http.get("/api/v1/certificates/" + id + "/status", null);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.json().path("code").asString()).isEqualTo("CERTIFICATE_NOT_FOUND");
            assertThat(response.json().path("detail").asString()).hasSizeLessThan(100);
        }
    }
}
