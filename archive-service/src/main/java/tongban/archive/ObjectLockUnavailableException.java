package tongban.archive;

/** A legal hold was asked for on a bucket without S3 Object Lock: the store could not enforce it. */
public final class ObjectLockUnavailableException extends RuntimeException {

    public ObjectLockUnavailableException(String bucket) {
        super("bucket " + bucket + " has no S3 Object Lock: the store cannot hold its objects");
    }
}
