package tongban.platform;

/** The roles of the back office; an authority is {@code ROLE_} + the name. */
public final class Roles {
    /** a citizen or company applying (申请人) */
    public static final String APPLICANT = "APPLICANT";
    /** policy staff who own the rule packs (政策/业务处室) */
    public static final String POLICY = "POLICY";
    /** window and approval officers (窗口/审批人员) */
    public static final String OFFICER = "OFFICER";
    /** operators of seals, keys, archive and metrics (运维) */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
