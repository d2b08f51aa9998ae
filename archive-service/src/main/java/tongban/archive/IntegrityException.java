package tongban.archive;

/** Archived bytes do not match their registered SHA-256, or the object of a registered record is gone. */
public class IntegrityException extends RuntimeException {

    public IntegrityException(String message) {
        super(message);
    }
}
