package tongban.archive;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The object storage the archive needs (对象存储), named for that need; the S3 adapter, {@code
 * tongban.archive.s3.MinioObjectStore}, implements it (the interface knows no adapter, so the two form no loop). Calls
 * retry transient failures with exponential backoff and then throw {@link ObjectStoreException}.
 *
 * <p>In a versioned bucket (every bucket with Object Lock is one) a key may hold several versions: the archive
 * addresses objects by {@link ObjectLocation} with the version it registered, and a key's first version is its
 * occupant, whatever was written over it later.
 */
public interface ObjectStore extends AutoCloseable {

    /** Creates the bucket if it does not exist, without Object Lock. */
    void ensureBucket(String bucket);

    /**
     * Creates the bucket if it does not exist with Object Lock on and a COMPLIANCE default retention of
     * {@code defaultRetentionYears}; an existing bucket is left as it is (see {@link #protection}).
     */
    void ensureLockedBucket(String bucket, int defaultRetentionYears);

    /** Whether the bucket keeps versions and has Object Lock, and its default retention. */
    BucketProtection protection(String bucket);

    /**
     * Writes the object unless the key already holds one, so an existing object is never replaced: a conditional
     * PUT ({@code If-None-Match: *}) where the store honours it, and in a versioned bucket (where some stores ignore
     * it) a look before and after the write, the key's first version winning. {@code lockedUntil}, when present,
     * puts a COMPLIANCE retention on the new object, read back before this returns.
     *
     * @throws ObjectStoreException also when the store does not keep the retention it was asked for
     */
    PutResult putIfAbsent(String bucket, String key, ObjectContent content, Map<String, String> metadata,
                          Optional<Instant> lockedUntil);

    /** The object's size, date and metadata, or empty if there is none. */
    Optional<StoredObject> stat(ObjectLocation location);

    /** The object's bytes as a stream the caller closes, or empty if there is none. */
    Optional<InputStream> read(ObjectLocation location);

    /** Every object of the bucket: in a versioned bucket every version and delete marker; close the stream. */
    Stream<StoredObject> list(String bucket);

    /** Deletes the object, or that version of it (no-op if absent); throws if the store refuses, e.g. under retention. */
    void delete(ObjectLocation location);

    /** The object's Object Lock state, or empty if there is no such object. */
    Optional<ObjectLock> lock(ObjectLocation location);

    /** Places or lifts a legal hold (法律保全) on the object; the store refuses where the bucket has no Object Lock. */
    void setLegalHold(ObjectLocation location, boolean on);

    /** Where the store is, for health and logs; never credentials. */
    String describe();

    @Override
    void close();
}
