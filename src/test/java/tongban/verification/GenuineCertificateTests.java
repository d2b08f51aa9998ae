package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/** A certificate as we issued it, or with only allowed revisions appended, is VALID on every check. */
class GenuineCertificateTests extends IssuedCertificateTestBase {


    @Test
    void aGenuineCertificateIsValidOnEveryCheckWithoutALogin() throws Exception {
        Certificates.Issued issued = certificates.issue();

        Http.Response response = verify(issued.pdf());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("verdict").asString()).isEqualTo("VALID");
        JsonNode checks = report.path("checks");
        assertThat(checks.path("integrity").path("result").asString()).isEqualTo("PASSED");
        assertThat(checks.path("issuer").path("code").asString()).isEqualTo("TRUSTED_SEAL");
        assertThat(checks.path("issuer").path("department").asString()).isEqualTo("shanghai-amr");
        assertThat(checks.path("status").path("code").asString()).isEqualTo("CERTIFICATE_VALID");
        assertThat(checks.path("status").path("certificateId").asString()).isEqualTo(issued.id().toString());
        assertThat(checks.path("archive").path("code").asString()).isEqualTo("IDENTICAL_TO_ARCHIVED_ORIGINAL");
        assertThat(checks.path("timestamp").path("result").asString()).isEqualTo("PASSED");
        assertThat(report.path("etsi").path("indication").asString()).isEqualTo("TOTAL_PASSED");
        assertThat(report.path("document").path("sha256").asString()).isEqualTo(sha256(issued.pdf()));
        assertThat(report.path("document").path("pdfa").asString()).isEqualTo("PDF/A-3B");
        assertThat(report.path("signatures").get(0).path("level").asString()).startsWith("PAdES-BASELINE");
        JsonNode certificate = report.path("certificate");
        assertThat(certificate.path("number").asString()).isEqualTo(issued.number());
        assertThat(certificate.path("status").asString()).isEqualTo("VALID");
        assertThat(certificate.path("type").asString()).isEqualTo("business-licence");
        assertThat(certificate.path("sha256").asString()).isEqualTo(sha256(issued.pdf()));
    }

    @Test
    void theReportNamesNeitherTheHolderNorTheHolderIdNumberOnlyItsMaskAndDigest() {
        Certificates.Issued issued = certificates.issue();

        JsonNode report = verify(issued.pdf()).json();

        assertThat(report.toString()).contains(issued.number()).doesNotContain("陈建国").doesNotContain("310101198503121236");
        assertThat(report.path("holder").path("idMasked").asString()).isEqualTo("3101**********1236");
        assertThat(report.path("holder").path("idDigest").path("algorithm").asString()).isEqualTo("argon2id");
    }

    @Test
    void validationDataAndADocumentTimestampAppendedLaterKeepItValid() {
        Certificates.Issued issued = certificates.issue();
        byte[] prolonged = Revisions.validationDataAdded(issued.pdf(), seals);

        JsonNode report = verify(prolonged).json();

        assertThat(report.path("verdict").asString()).as(report.toString()).isEqualTo("VALID");
        assertThat(report.path("checks").path("integrity").path("code").asString())
                .isEqualTo("ONLY_ALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.path("checks").path("archive").path("code").asString())
                .isEqualTo("ARCHIVED_ORIGINAL_WITH_ALLOWED_REVISIONS");
    }

    private Http.Response verify(byte[] pdf) {
        return http.postMultipart("/api/v1/verify", new Multipart().file("file", "licence.pdf", "application/pdf", pdf),
                null, null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
