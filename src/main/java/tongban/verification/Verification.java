package tongban.verification;

import java.util.List;
import tongban.identity.IdNumberDigest;
import tongban.seal.VerificationReport;
import tongban.seal.VerificationReport.DocumentSummary;
import tongban.seal.VerificationReport.Etsi;
import tongban.seal.VerificationReport.IntegrityCheck;
import tongban.seal.VerificationReport.IssuerCheck;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.SignatureSummary;
import tongban.seal.VerificationReport.StatusCheck;
import tongban.seal.VerificationReport.TimestampCheck;
import tongban.seal.VerificationReport.Verdict;

/**
 * The verification report of the HTTP API (验证报告): the core's checks, the registry's status, and one more check,
 * {@code archive}: is the file the archived original, or the original with only allowed revisions appended?
 * VALID only when every check passed (a sealed document that is not a certificate has no status to check).
 *
 * @param certificate   the registry's record of the certificate, when the file names one we issued
 * @param holder        whom the certificate names, as its attached data says (masked), when our seal vouches for it
 * @param idNumberCheck the answer to a verifier's ID number ({@code idNumber}): MATCHES, DOES_NOT_MATCH, or
 *                      NOT_AVAILABLE when the file carries no digest of a holder's ID number we vouch for; null when
 *                      no number was sent
 */
record Verification(Verdict verdict, Checks checks, Etsi etsi, List<SignatureSummary> signatures,
                    DocumentSummary document, CertificateStatusView certificate, Holder holder,
                    IdNumberCheck idNumberCheck) {

    /**
     * The holder's identifier as the certificate's data carries it (持证主体标识): a resident ID number masked and as a
     * salted digest, never in full; a unified social credit code in full, as every licence prints and the
     * enterprise credit publicity system shows it.
     *
     * @param idKind {@code resident-id} or {@code credit-code}
     * @param id     the credit code; null for a resident ID number
     */
    record Holder(String idKind, String id, String idMasked, IdNumberDigest idDigest) {
    }

    /** Whether the number a verifier typed is the holder's: the whole answer, nothing more. */
    enum IdNumberCheck { MATCHES, DOES_NOT_MATCH, NOT_AVAILABLE }

    record Checks(IntegrityCheck integrity, IssuerCheck issuer, StatusCheck status, ArchiveCheck archive,
                  TimestampCheck timestamp) {
    }

    /**
     * Codes: IDENTICAL_TO_ARCHIVED_ORIGINAL, ARCHIVED_ORIGINAL_WITH_ALLOWED_REVISIONS, DIFFERS_FROM_ARCHIVED_ORIGINAL,
     * ARCHIVE_UNAVAILABLE, NOT_CHECKED.
     */
    record ArchiveCheck(Result result, String code, String detail) {

        static ArchiveCheck notChecked() {
            return new ArchiveCheck(Result.SKIPPED, "NOT_CHECKED", null);
        }
    }

    /**
     * Combines the core's report with the status and archive checks: a failed status or archive check makes it
     * INVALID, and one that could not be made keeps it from being VALID.
     */
    static Verification of(VerificationReport report, StatusCheck status, ArchiveCheck archive,
                           CertificateStatusView certificate, Holder holder, IdNumberCheck idNumberCheck) {
        Verdict verdict = report.withStatus(status).verdict();
        if (archive.result() == Result.FAILED) {
            verdict = Verdict.INVALID;
        } else if (verdict == Verdict.VALID && (CertificateStatuses.UNAVAILABLE.equals(status.code())
                || "ARCHIVE_UNAVAILABLE".equals(archive.code()))) {
            verdict = Verdict.INDETERMINATE;
        }
        var checks = report.checks();
        return new Verification(verdict, new Checks(checks.integrity(), checks.issuer(), status, archive,
                checks.timestamp()), report.etsi(), report.signatures(), report.document(), certificate, holder,
                idNumberCheck);
    }
}
