package tongban.platform;

/** The roles of the back office; an authority is {@code ROLE_} + the name. */
public final class Roles {
    /** a citizen or company applying (申请人) */
    public static final String APPLICANT = "APPLICANT";
    /** policy staff who own the rule packs (政策/业务处室) */
    public static final String POLICY = "POLICY";
    /** window and approval officers (窗口/审批人员) */
    public static final String OFFICER = "OFFICER";
    /** 12345 hotline agents (12345 热线/统一总客服): look up, explain, answer tickets; never read materials */
    public static final String AGENT = "AGENT";
    /** supervisors of 事中事后监管: draw and record inspections (双随机一公开) */
    public static final String SUPERVISOR = "SUPERVISOR";
    /** operators of seals, keys, archive and metrics (运维) */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
