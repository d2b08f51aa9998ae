package tongban.documents;

import tongban.rules.Decision;

/** The three notices (告知文书) a decision can make, each from its template under templates/. */
public enum NoticeKind {
    /** 补正材料一次性告知书: every material still missing or refused, told at once */
    INCOMPLETE,
    /** 受理通知书: the application is accepted; time limit and the trips still ahead */
    ACCEPTED,
    /** 不予受理决定书 or 不予许可决定书: the reasons, their legal basis and the applicant's remedies */
    REFUSED;

    /** The notice a decision of this outcome makes. */
    public static NoticeKind of(Decision.Outcome outcome) {
        switch (outcome) {
            case INCOMPLETE:
                return INCOMPLETE;
            case ACCEPTABLE:
                return ACCEPTED;
            default:
                return REFUSED;
        }
    }
}
