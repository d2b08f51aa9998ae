package tongban.archive;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tongban.archive.s3.MinioObjectStore;

/**
 * The object storage the archive needs (对象存储), named for that need; {@link #s3} is the S3 adapter. Calls
 * retry transient failures with exponential backoff and then throw {@link ObjectStoreException}.
 */
public interface ObjectStore extends AutoCloseable {

    /** An S3 store (Ceph RGW, MinIO, S3Proxy, AWS …) through the MinIO Java client. */
    static ObjectStore s3(S3Connection connection, RetryPolicy retry) {
        return new MinioObjectStore(connection, retry);
    }

    /** Creates the bucket if it does not exist. */
    void ensureBucket(String bucket);

    /** Whether the bucket has S3 Object Lock enabled, so each object can carry a COMPLIANCE retention. */
    boolean objectLockEnabled(String bucket);

    /**
     * Writes the object unless the key already holds one: a conditional PUT ({@code If-None-Match: *}), so an existing
     * object is never replaced. {@code lockedUntil}, when present, puts a COMPLIANCE retention on the new object.
     */
    PutResult putIfAbsent(String bucket, String key, ObjectContent content, Map<String, String> metadata,
                          Optional<Instant> lockedUntil);

    /** The object's size, date and metadata, or empty if there is none. */
    Optional<StoredObject> stat(String bucket, String key);

    /** The object's bytes as a stream the caller closes, or empty if there is none. */
    Optional<InputStream> read(String bucket, String key);

    /** Every object of the bucket; close the stream when done. */
    Stream<StoredObject> list(String bucket);

    /** Deletes the object (no-op if absent); throws if the store refuses, e.g. under retention. */
    void delete(String bucket, String key);

    /** Where the store is, for health and logs; never credentials. */
    String describe();

    @Override
    void close();
}
