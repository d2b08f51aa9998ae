package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * An altered certificate is never VALID: a page changed in a later revision, a changed byte, or a file our seal
 * signed that is not the original we archived under its id.
 */
class AlteredCertificateTests extends IssuedCertificateTestBase {


    @Test
    void pageContentChangedInAnAppendedRevisionIsInvalidAndItsContentIsNotTrusted() {
        Certificates.Issued issued = certificates.issue();

        JsonNode report = verify(Revisions.pageContentChanged(issued.pdf()));

        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
        assertThat(report.path("checks").path("integrity").path("code").asString())
                .isEqualTo("DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.path("signatures").get(0).path("changesAfter").toString()).contains("DISALLOWED");
        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("STATUS_NOT_CHECKED");
        assertThat(report.path("certificate").isNull()).isTrue();
    }

    @Test
    void oneChangedByteIsInvalid() {
        Certificates.Issued issued = certificates.issue();

        JsonNode report = verify(Revisions.oneByteChanged(issued.pdf()));

        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
        assertThat(report.path("checks").path("integrity").path("result").asString()).isEqualTo("FAILED");
    }

    @Test
    void aFileOurSealSignedThatIsNotTheArchivedOriginalIsInvalid() {
        Certificates.Issued issued = certificates.issue();
        byte[] other = certificates.sealedButNotArchived(issued.id(), issued.number());

        JsonNode report = verify(other);

        assertThat(report.path("checks").path("integrity").path("result").asString()).isEqualTo("PASSED");
        assertThat(report.path("checks").path("issuer").path("result").asString()).isEqualTo("PASSED");
        assertThat(report.path("checks").path("archive").path("code").asString())
                .isEqualTo("DIFFERS_FROM_ARCHIVED_ORIGINAL");
        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
    }

    @Test
    void aFileOurSealSignedForACertificateNeverRegisteredIsInvalid() {
        byte[] unregistered = certificates.sealedButNotArchived(UUID.randomUUID(), Certificates.newNumber());

        JsonNode report = verify(unregistered);

        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("CERTIFICATE_UNKNOWN");
        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
    }

    private JsonNode verify(byte[] pdf) {
        Http.Response response = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "licence.pdf", "application/pdf", pdf), null, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
