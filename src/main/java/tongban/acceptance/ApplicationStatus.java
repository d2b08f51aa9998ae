package tongban.acceptance;

/** Where an application stands. */
public enum ApplicationStatus {
    /** received; deciding or issuing now (or interrupted: a retry with the same key resumes it) */
    PROCESSING,
    /** the certificate is sealed, archived and registered (办结) */
    ISSUED,
    /** materials are missing or rejected (补正) */
    INCOMPLETE,
    /** the applicant may not obtain this item (不予受理) */
    INELIGIBLE,
    /** another item applies */
    NOT_APPLICABLE,
    /** accepted (受理); an in-person step comes before the certificate */
    ACCEPTED,
    /** issuing failed for a reason of ours; a retry with the same key tries again */
    FAILED,
    /** the decision's fee is due (待缴费): issued once its payment order is paid ({@link Fees}) */
    AWAITING_PAYMENT,
    /** withdrawn by the applicant (撤回) before it was issued; a paid fee is refunded */
    WITHDRAWN,
    /** the fee was not paid before its order expired; the applicant may apply again */
    PAYMENT_EXPIRED,
    /** refused by the district's officer after acceptance (不予许可), with a sealed decision; a paid fee is refunded */
    REFUSED;

    boolean isFinal() {
        return this != PROCESSING && this != FAILED;
    }
}
