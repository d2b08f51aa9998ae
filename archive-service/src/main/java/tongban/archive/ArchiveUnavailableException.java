package tongban.archive;

/**
 * The object store or the registry database failed, after retries, before an operation could complete. Nothing
 * was registered: an object already written is recorded as an orphan candidate for reconciliation, and the same
 * command can be sent again later (a retry with the same bytes adopts that object instead of writing another).
 */
public class ArchiveUnavailableException extends RuntimeException {

    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
