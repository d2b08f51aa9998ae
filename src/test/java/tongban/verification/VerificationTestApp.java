package tongban.verification;

/** The settings every verification test runs the application with, so they share one application context. */
final class VerificationTestApp {

    /** No rate limit: the tests send far more than a verifier would; RateLimitTests sets its own. */
    static final String NO_RATE_LIMIT = "tongban.verification.rate-limit.enabled=false";

    private VerificationTestApp() {
    }
}
