package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/** An intact certificate that was revoked or has expired is INVALID, and says which; revocation shows at once. */
class RevocationAndExpiryTests extends IssuedCertificateTestBase {


    @Test
    void revokingACertificateChangesTheVerdictOfTheVeryNextVerification() {
        Certificates.Issued issued = certificates.issue();
        assertThat(verify(issued.pdf()).path("verdict").asString()).isEqualTo("VALID");

        certificates.revoke(issued.id(), "营业执照被依法吊销");
        JsonNode report = verify(issued.pdf());

        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
        assertThat(report.path("checks").path("integrity").path("result").asString()).isEqualTo("PASSED");
        assertThat(report.path("checks").path("issuer").path("result").asString()).isEqualTo("PASSED");
        assertThat(report.path("checks").path("status").path("result").asString()).isEqualTo("FAILED");
        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("CERTIFICATE_REVOKED");
        assertThat(report.path("certificate").path("status").asString()).isEqualTo("REVOKED");
        assertThat(report.path("certificate").path("statusReason").asString()).isEqualTo("营业执照被依法吊销");
        assertThat(report.path("certificate").path("statusChangedAt").asString()).isNotBlank();
    }

    @Test
    void aCertificatePastItsValidityIsInvalidAsExpired() {
        Certificates.Issued issued = certificates.issueExpired();

        JsonNode report = verify(issued.pdf());

        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("CERTIFICATE_EXPIRED");
        assertThat(report.path("certificate").path("status").asString()).isEqualTo("EXPIRED");
        assertThat(report.path("checks").path("archive").path("result").asString()).isEqualTo("PASSED");
    }

    private JsonNode verify(byte[] pdf) {
        Http.Response response = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "licence.pdf", "application/pdf", pdf), null, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
