package tongban.seal;

/** A seal request that cannot be honoured as given: bad position, page out of range, unreadable PDF. */
public class InvalidSealRequestException extends SealServiceException {

    public InvalidSealRequestException(String message) {
        super("INVALID_SEAL_REQUEST", message);
    }

    public InvalidSealRequestException(String message, Throwable cause) {
        super("INVALID_SEAL_REQUEST", message, cause);
    }
}
