package tongban.seal.verification;

/**
 * Something a check found wrong.
 *
 * @param check         integrity, issuer or timestamp
 * @param code          the report's reason code
 * @param detail        human-readable explanation
 * @param indication    ETSI EN 319 102-1 indication (TOTAL_FAILED or INDETERMINATE)
 * @param subIndication ETSI sub-indication
 * @param definite      true when it proves the document is not what was sealed (verdict INVALID); false when it
 *                      only stops a conclusion (verdict INDETERMINATE)
 */
record Finding(String check, String code, String detail, String indication, String subIndication,
               boolean definite) {

    static Finding integrity(String code, String detail, String subIndication) {
        return new Finding("integrity", code, detail, "TOTAL_FAILED", subIndication, true);
    }
}
