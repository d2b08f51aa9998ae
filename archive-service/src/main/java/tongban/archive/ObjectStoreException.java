package tongban.archive;

/**
 * The object store failed. {@link #isTransient()} tells an outage (retries were spent; trying later may work)
 * from a refusal (access denied, retention, bad request).
 */
public class ObjectStoreException extends RuntimeException {

    private final boolean transientFailure;

    public ObjectStoreException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
