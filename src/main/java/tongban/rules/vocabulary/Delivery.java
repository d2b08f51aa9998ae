package tongban.rules.vocabulary;

/** How the applicant receives the result (送达方式). */
public enum Delivery {
    /** the electronic certificate only */
    ONLINE,
    /** paper by post (邮寄) */
    POST,
    /** paper at the service window (窗口领取) */
    PICKUP
}
