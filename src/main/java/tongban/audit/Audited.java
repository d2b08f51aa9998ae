package tongban.audit;

/**
 * An event that records a state change a person made (past tense: {@code CertificateRevoked},
 * {@code RulePacksReloaded}). Modules publish it and the audit log writes one entry per event, in the publisher's
 * transaction when it has one, so what is logged is what happened and happened once.
 */
public interface Audited {

    /** Who did it: the login's name. */
    String actor();

    /** What was done, a stable upper-case name such as {@code CERTIFICATE_REVOKED}. */
    String action();

    /** What it was done to, by id ({@code certificate/…}), never by an ID number. */
    String target();

    /** A small value stored as JSON, or null. */
    Object detail();
}
