package tongban.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.registry.OrphanLog;

/**
 * The write-once protocol shared by certificates and packages: the object first, never replacing one, then the
 * registry row; if registering fails the object is recorded as an orphan candidate before the failure is reported.
 */
final class WriteOnce {

    private static final Logger log = LoggerFactory.getLogger(WriteOnce.class);

    /** The object now in place: written by this call, or found there ({@code occupant}: its metadata). */
    record Written(boolean created, Optional<String> versionId, Optional<StoredObject> occupant) {
    }

    private final ObjectStore store;
    private final OrphanLog orphans;
    private final Clock clock;

    WriteOnce(ObjectStore store, OrphanLog orphans, Clock clock) {
        this.store = store;
        this.orphans = orphans;
        this.clock = clock;
    }

    Written put(String bucket, String key, ObjectContent content, Map<String, String> metadata, Optional<Instant> lockedUntil) {
        try {
            PutResult put = store.putIfAbsent(bucket, key, content, metadata, lockedUntil);
            if (put.created()) {
                return new Written(true, put.versionId(), Optional.empty());
            }
            StoredObject occupant = store.stat(bucket, key).orElseThrow(() -> new ArchiveUnavailableException(
                    "object store: " + bucket + "/" + key + " was refused as existing, then not found", null));
            return new Written(false, Optional.empty(), Optional.of(occupant));
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the registration; if it fails the object at {@code bucket/key} is recorded as an orphan candidate (or, with
     * the database down too, logged: reconciliation lists the store and finds it either way).
     */
    boolean register(String bucket, String key, Sha256 sha256, BooleanSupplier registration) {
        try {
            return registration.getAsBoolean();
        } catch (ArchiveUnavailableException failure) {
            try {
                orphans.record(bucket, key, sha256, failure.getMessage(), clock.instant());
                log.warn("registration of {}/{} failed; the object is recorded as an orphan candidate: {}",
                        bucket, key, failure.getMessage());
            } catch (ArchiveUnavailableException alsoFailed) {
                log.error("registration of {}/{} failed and the orphan candidate could not be recorded ({});"
                        + " reconciliation will report the object", bucket, key, alsoFailed.getMessage());
            }
            throw new ArchiveUnavailableException(failure.getMessage() + "; nothing registered, " + bucket + "/" + key
                    + " kept as an orphan candidate", failure);
        }
    }
}
