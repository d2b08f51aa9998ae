package tongban.rules.vocabulary;

/** What a reason does to the outcome; a reason rule states it with {@code @effect}, INELIGIBLE by default. */
public enum Effect {
    /** the applicant may not obtain this item (不符合条件) */
    INELIGIBLE,
    /** the item does not apply; the message names the one that does */
    NOT_APPLICABLE,
    /** told to the applicant whatever the outcome */
    INFORMATION
}
