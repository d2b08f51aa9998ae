package tongban.seal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of verifying a sealed PDF (验证报告), shaped as the "Verification report" of the HTTP API.
 *
 * <p>{@code verdict} is VALID only when integrity, issuer and timestamp checks passed and the status check did not
 * fail; INVALID when any check failed for a definite reason (altered bytes, disallowed later changes, untrusted or
 * revoked seal, bad timestamp, revoked certificate status); INDETERMINATE when a check could not be decided (e.g.
 * revocation data missing) or the file could not be analysed.
 *
 * <p>The status check is filled by the caller, who holds the certificate registry: the verifier leaves it SKIPPED
 * with code {@code STATUS_NOT_CHECKED}; {@link #withStatus(StatusCheck)} supplies it.
 */
public record VerificationReport(Verdict verdict, Checks checks, Etsi etsi, List<SignatureSummary> signatures,
                                 DocumentSummary document) {

    public VerificationReport {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(etsi, "etsi");
        signatures = List.copyOf(signatures);
    }

    /** A copy with the certificate status supplied by the caller; a FAILED status makes the verdict INVALID. */
    public VerificationReport withStatus(StatusCheck status) {
        Verdict v = status.result() == Result.FAILED ? Verdict.INVALID : verdict;
        return new VerificationReport(v, new Checks(checks.integrity(), checks.issuer(), status, checks.timestamp()),
                etsi, signatures, document);
    }

    /** Overall answer. */
    public enum Verdict { VALID, INVALID, INDETERMINATE }

    /** Outcome of one check. */
    public enum Result { PASSED, FAILED, SKIPPED }

    /** The four checks of the report. */
    public record Checks(IntegrityCheck integrity, IssuerCheck issuer, StatusCheck status, TimestampCheck timestamp) {
    }

    /**
     * Are the bytes exactly what was sealed? Codes: SIGNATURE_COVERS_WHOLE_FILE, ONLY_ALLOWED_CHANGES_AFTER_SIGNATURE,
     * NO_SIGNATURE, BYTE_RANGE_INVALID, DIGEST_MISMATCH, SIGNATURE_INVALID, DISALLOWED_CHANGES_AFTER_SIGNATURE,
     * TRAILING_BYTES, DOCUMENT_TIMESTAMP_INVALID, MALFORMED_PDF, UNSUPPORTED_SIGNATURE.
     *
     * @param detail a human-readable explanation when it failed, else {@code null}
     */
    public record IntegrityCheck(Result result, String code, String detail) {
    }

    /**
     * Was it sealed by one of our departments' registered seals, chaining to a trust anchor and not revoked at the
     * signing time? Codes: TRUSTED_SEAL, UNTRUSTED_SEAL, UNKNOWN_SEAL, CERTIFICATE_NOT_VALID_AT_SIGNING_TIME,
     * CERTIFICATE_REVOKED, REVOCATION_DATA_MISSING, NOT_CHECKED.
     */
    public record IssuerCheck(Result result, String code, String department, String sealId, String detail) {
    }

    /**
     * The issued certificate's status in the caller's registry. Codes (set by the caller): CERTIFICATE_VALID,
     * CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED, CERTIFICATE_UNKNOWN; STATUS_NOT_CHECKED until supplied.
     */
    public record StatusCheck(Result result, String code, String certificateId) {

        /** The placeholder the verifier leaves for the caller. */
        public static StatusCheck notChecked() {
            return new StatusCheck(Result.SKIPPED, "STATUS_NOT_CHECKED", null);
        }
    }

    /**
     * Is there a valid RFC 3161 timestamp over the seal? Codes: TIMESTAMP_VALID, NO_TIMESTAMP, TIMESTAMP_INVALID,
     * TIMESTAMP_IMPRINT_MISMATCH, UNTRUSTED_TSA, NOT_CHECKED.
     *
     * @param time the timestamp's time (genTime), when there is one
     */
    public record TimestampCheck(Result result, String code, Instant time, String detail) {
    }

    /**
     * The ETSI EN 319 102-1 conclusion: indication TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE, with a
     * sub-indication such as HASH_FAILURE, SIG_CRYPTO_FAILURE, FORMAT_FAILURE, REVOKED, NO_CERTIFICATE_CHAIN_FOUND,
     * OUT_OF_BOUNDS_NO_POE, TRY_LATER; {@code null} when TOTAL_PASSED.
     */
    public record Etsi(String indication, String subIndication) {
    }

    /**
     * One seal signature (document timestamps are not listed).
     *
     * @param signer          the signing certificate's subject (RFC 2253)
     * @param signedAt        the signature timestamp's time, else {@code null}
     * @param level           e.g. {@code PAdES-BASELINE-LT}
     * @param coversWholeFile true when the signed byte ranges reach the end of the file
     * @param revisionsAfter  incremental updates appended after the signed revision
     * @param changesAfter    what the later revisions changed, allowed ones included (e.g. "added validation data (DSS)")
     *                        and disallowed ones prefixed "DISALLOWED: "
     */
    public record SignatureSummary(String signer, Instant signedAt, String level, boolean coversWholeFile,
                                   int revisionsAfter, List<String> changesAfter) {

        public SignatureSummary {
            changesAfter = List.copyOf(changesAfter);
        }
    }

    /**
     * The file as a whole.
     *
     * @param sha256 lower-case hex SHA-256 of the whole file
     * @param pages  page count, 0 when unreadable
     * @param pdfa   the PDF/A claim of its XMP metadata, e.g. {@code PDF/A-3B}, or {@code null}
     */
    public record DocumentSummary(String sha256, int pages, String pdfa) {
    }
}
