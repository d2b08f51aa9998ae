package tongban.documents;

/**
 * The notice data cannot make a correct notice: a value is missing, malformed, does not belong to the
 * decision, or is not printable with the certificate font. Nothing was produced.
 */
public class InvalidNoticeData extends RuntimeException {

    private final String field;

    InvalidNoticeData(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The faulty value, as a path into {@link NoticeData}: {@code applicantName}, {@code decision.reasons[1].message}. */
    public String field() {
        return field;
    }
}
