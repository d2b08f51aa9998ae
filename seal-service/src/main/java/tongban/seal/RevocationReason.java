package tongban.seal;

/** Why a seal is revoked (吊销原因), with its RFC 5280 CRL reason code. */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The RFC 5280 {@code CRLReason} value. */
    public int code() {
        return code;
    }
}
