package tongban.verification;

import java.util.Set;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.Verdict;

/**
 * The verdict in a verifier's words (结论): valid, altered, revoked, expired, not ours, invalid, or cannot be
 * verified now. An altered file is called altered whatever else is wrong with it: that is the warning that matters.
 */
enum Outcome {
    VALID, ALTERED, REVOKED, EXPIRED, NOT_OURS, INVALID, UNVERIFIABLE;

    private static final Set<String> NOT_SEALED_BY_US = Set.of("NO_SIGNATURE", "UNSUPPORTED_SIGNATURE");
    private static final Set<String> FOREIGN_SEAL = Set.of("UNTRUSTED_SEAL", "UNKNOWN_SEAL");

    static Outcome of(Verification v) {
        if (v.verdict() == Verdict.VALID) {
            return VALID;
        }
        Verification.Checks checks = v.checks();
        if (checks.integrity().result() == Result.FAILED) {
            String code = checks.integrity().code();
            if (NOT_SEALED_BY_US.contains(code)) {
                return NOT_OURS;
            }
            return code.equals("MALFORMED_PDF") ? UNVERIFIABLE : ALTERED;
        }
        if (checks.archive().result() == Result.FAILED) {
            return ALTERED;
        }
        if (checks.issuer().result() == Result.FAILED) {
            return FOREIGN_SEAL.contains(checks.issuer().code()) ? NOT_OURS : INVALID;
        }
        if (checks.status().result() == Result.FAILED) {
            switch (checks.status().code()) {
                case "CERTIFICATE_REVOKED":
                    return REVOKED;
                case "CERTIFICATE_EXPIRED":
                    return EXPIRED;
                default:
                    return NOT_OURS;
            }
        }
        return v.verdict() == Verdict.INVALID ? INVALID : UNVERIFIABLE;
    }
}
