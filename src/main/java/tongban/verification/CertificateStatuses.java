package tongban.verification;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.ECertificate;
import tongban.platform.ApiProblem;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.StatusCheck;
import tongban.verification.Verification.ArchiveCheck;

/**
 * The registry and the archive as a verifier sees them: a certificate's status, read afresh on every call (so a
 * revocation shows at once), and whether a file is its archived original.
 */
@Component
class CertificateStatuses {

    static final String UNAVAILABLE = "STATUS_UNAVAILABLE";
    private static final Logger log = LoggerFactory.getLogger(CertificateStatuses.class);

    private final Archive archive;

    CertificateStatuses(Archive archive) {
        this.archive = archive;
    }

    /**
     * The certificate registered under {@code id}; empty for an unknown or malformed id.
     *
     * @throws ApiProblem 503 STATUS_UNAVAILABLE when the registry cannot be read
     */
    Optional<ECertificate> find(String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return Optional.empty();
        }
        try {
            return archive.certificates().find(uuid);
        } catch (RuntimeException e) {
            log.warn("certificate registry unavailable: {}", e.toString());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE,
                    "the certificate registry cannot be read right now; try again later");
        }
    }

    /** The status check and archive check of a file the seal vouches for, which names {@code data}'s certificate. */
    Checked check(EmbeddedCertificateData data, byte[] pdf, String sha256) {
        Optional<ECertificate> found;
        try {
            found = find(data.certificateId());
        } catch (ApiProblem unavailable) {
            return new Checked(new StatusCheck(Result.SKIPPED, UNAVAILABLE, data.certificateId()),
                    ArchiveCheck.notChecked(), null);
        }
        if (found.isEmpty()) {
            return new Checked(new StatusCheck(Result.FAILED, "CERTIFICATE_UNKNOWN", null), ArchiveCheck.notChecked(),
                    null);
        }
        ECertificate certificate = found.get();
        String id = certificate.id().toString();
        StatusCheck status = switch (certificate.status()) {
            case VALID -> new StatusCheck(Result.PASSED, "CERTIFICATE_VALID", id);
            case REVOKED -> new StatusCheck(Result.FAILED, "CERTIFICATE_REVOKED", id);
            case EXPIRED -> new StatusCheck(Result.FAILED, "CERTIFICATE_EXPIRED", id);
        };
        return new Checked(status, compare(certificate, pdf, sha256), CertificateStatusView.of(certificate));
    }

    record Checked(StatusCheck status, ArchiveCheck archive, CertificateStatusView certificate) {
    }

    // The seal proves who made the bytes; the archive proves these are the bytes we issued under this id.
    private ArchiveCheck compare(ECertificate certificate, byte[] pdf, String sha256) {
        if (certificate.sha256().hex().equals(sha256)) {
            return new ArchiveCheck(Result.PASSED, "IDENTICAL_TO_ARCHIVED_ORIGINAL", null);
        }
        if (pdf.length <= certificate.size()) {
            return differs(certificate);
        }
        byte[] original;
        try {
            original = archive.certificates().content(certificate.id()).orElse(null);
        } catch (RuntimeException e) {
            log.warn("archived original of {} unreadable during verification: {}", certificate.id(), e.toString());
            return new ArchiveCheck(Result.SKIPPED, "ARCHIVE_UNAVAILABLE", "the archived original could not be read");
        }
        if (original == null) {
            return new ArchiveCheck(Result.SKIPPED, "ARCHIVE_UNAVAILABLE", "the archived original could not be read");
        }
        if (Arrays.equals(pdf, 0, original.length, original, 0, original.length)) {
            return new ArchiveCheck(Result.PASSED, "ARCHIVED_ORIGINAL_WITH_ALLOWED_REVISIONS",
                    (pdf.length - original.length) + " bytes of allowed revisions follow the archived original");
        }
        return differs(certificate);
    }

    private static ArchiveCheck differs(ECertificate certificate) {
        return new ArchiveCheck(Result.FAILED, "DIFFERS_FROM_ARCHIVED_ORIGINAL", "the file is not certificate "
                + certificate.number() + " as it was issued, nor that file with only allowed revisions appended");
    }

    private static UUID uuid(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
