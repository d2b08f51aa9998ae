package tongban.supervision;

/** A draw, seed or result the rules of supervision refuse; {@code code} is stable, {@code field} a JSON path or null. */
public class SupervisionException extends RuntimeException {

    /** What kind of refusal, for the HTTP status the controllers give it. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;
    private final String code;
    private final String field;

    SupervisionException(Kind kind, String code, String field, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
