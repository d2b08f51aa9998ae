package tongban.seal;

/**
 * A request the seal service cannot carry out. {@link #code()} is stable, for problem+json answers.
 */
public class SealServiceException extends RuntimeException {

    private final String code;

    public SealServiceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SealServiceException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable machine code, e.g. {@code NOT_A_PDF}, {@code UNKNOWN_DEPARTMENT}, {@code KEY_UNAVAILABLE}. */
    public String code() {
        return code;
    }
}
