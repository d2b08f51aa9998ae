package tongban.acceptance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tongban.rules.Decision;

/**
 * An application as its applicant sees it (api.md): the decision, what each upload was found to be, and the
 * certificate and documents it produced.
 */
public record ApplicationView(UUID id, String item, ApplicationStatus status, Instant createdAt, Decision decision,
                              List<MaterialView> materials, CertificateLink certificate, List<DocumentLink> documents) {

    /** What an uploaded file was found to be; rejected files are not kept. */
    public record MaterialView(String code, String fileName, String declaredType, String detectedType, long size,
                               String sha256, boolean accepted, String rejectionCode) {
    }

    public record CertificateLink(UUID id, String number, String downloadUrl, String verifyUrl) {
    }

    public record DocumentLink(UUID id, String kind, String downloadUrl) {
    }
}
