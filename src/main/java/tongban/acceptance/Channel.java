package tongban.acceptance;

/** How an application came in (受理渠道): online by its applicant, or at a window by an officer (线下). */
public enum Channel {
    ONLINE, WINDOW
}
