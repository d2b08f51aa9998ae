package tongban.seal;

/** PAdES baseline level (ETSI EN 319 142-1) a seal is applied at. */
public enum SealLevel {
    /** Signature with an RFC 3161 signature timestamp. */
    BASELINE_T,
    /** BASELINE_T plus the chain's certificates and CRLs in a DSS, so verification works offline years later. */
    BASELINE_LT,
    /**
     * BASELINE_LT plus the timestamp's validation data and a document timestamp over all of it: an archive
     * timestamp that later renewals ({@link SealService#renew}) extend for as long as the record is kept.
     */
    BASELINE_LTA
}
