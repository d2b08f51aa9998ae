package tongban.acceptance;

/** The result of an in-person check (现场核验): passed lets the certificate issue; failed needs another visit. */
public enum CheckResult {
    PASSED, FAILED
}
