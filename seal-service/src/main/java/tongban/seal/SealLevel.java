package tongban.seal;

/** PAdES baseline level (ETSI EN 319 142-1) a seal is applied at. */
public enum SealLevel {
    /** Signature with an RFC 3161 signature timestamp. */
    BASELINE_T,
    /** BASELINE_T plus the chain's certificates and CRLs in a DSS, so verification works offline years later. */
    BASELINE_LT
}
