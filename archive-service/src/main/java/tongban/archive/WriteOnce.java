package tongban.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.registry.OrphanLog;

/**
 * The write-once protocol shared by certificates and packages: the object first, never replacing one, then the
 * registry row; if registering fails the object is recorded as an orphan candidate before the failure is reported.
 */
final class WriteOnce {

    private static final Logger log = LoggerFactory.getLogger(WriteOnce.class);

    /** Where the object now is (the version, in a versioned bucket), and whether this call wrote it or found it there. */
    record Written(String key, boolean created, Optional<String> versionId, Optional<StoredObject> occupant) {
    }

    private final ObjectStore store;
    private final OrphanLog orphans;
    private final Clock clock;

    WriteOnce(ObjectStore store, OrphanLog orphans, Clock clock) {
        this.store = store;
        this.orphans = orphans;
        this.clock = clock;
    }

    /**
     * Writes the object at {@code key}. If an object is there already, it is taken as this one when it has the same
     * content (a retry after a registration failed); otherwise it is an unregistered leftover of an attempt with other
     * bytes (a certificate sealed again, say), left for reconciliation, and the object goes to {@code alternateKey},
     * which names its content. Nothing is ever replaced, and issuing is never blocked by a leftover.
     */
    Written put(String bucket, String key, String alternateKey, ObjectContent content, Map<String, String> metadata,
                Optional<Instant> lockedUntil, Predicate<StoredObject> sameContent) {
        Written written = attempt(bucket, key, content, metadata, lockedUntil);
        if (written.created() || sameContent.test(written.occupant().orElseThrow())) {
            return adoptable(bucket, written, lockedUntil);
        }
        log.warn("{}/{} holds an unregistered object with other content; writing at {} instead", bucket, key, alternateKey);
        Written alternate = attempt(bucket, alternateKey, content, metadata, lockedUntil);
        if (alternate.created() || sameContent.test(alternate.occupant().orElseThrow())) {
            return adoptable(bucket, alternate, lockedUntil);
        }
        throw new IllegalStateException(bucket + "/" + alternateKey + " names other content than it holds");
    }

    /**
     * Runs the registration; if it fails the object at {@code bucket/key} is recorded as an orphan candidate (or, with
     * the database down too, logged: reconciliation lists the store and finds it either way).
     */
    boolean register(String bucket, String key, Sha256 sha256, BooleanSupplier registration) {
        log.debug("registering {}/{}", bucket, key);
        try {
            return registration.getAsBoolean();
        } catch (ArchiveUnavailableException failure) {
            orphan(bucket, key, sha256, failure.getMessage());
            throw new ArchiveUnavailableException(failure.getMessage() + "; nothing registered, " + bucket + "/" + key
                    + " kept as an orphan candidate", failure);
        }
    }

    /** Records an object nothing will register: the registration failed, or a concurrent store registered another. */
    void orphan(String bucket, String key, Sha256 sha256, String reason) {
        try {
            orphans.record(bucket, key, sha256, reason, clock.instant());
            log.warn("{}/{} is not registered and is recorded as an orphan candidate: {}", bucket, key, reason);
        } catch (ArchiveUnavailableException alsoFailed) {
            log.error("{}/{} is not registered and could not be recorded as an orphan candidate ({});"
                    + " reconciliation will report it", bucket, key, alsoFailed.getMessage());
        }
    }

    /**
     * A new object's retention was read back by the store; an occupant taken over from an earlier attempt must be
     * under a COMPLIANCE retention that has not ended too, or it would be registered unprotected.
     */
    private Written adoptable(String bucket, Written written, Optional<Instant> lockedUntil) {
        if (written.created() || lockedUntil.isEmpty()) {
            return written;
        }
        ObjectLocation location = new ObjectLocation(bucket, written.key(), written.versionId());
        ObjectLock lock;
        try {
            lock = store.lock(location).orElseThrow(() -> new ArchiveUnavailableException(
                    "object store: " + location + " was found, then not", null));
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
        boolean held = lock.mode().filter("COMPLIANCE"::equals).isPresent()
                && lock.retainUntil().filter(until -> until.isAfter(clock.instant())).isPresent();
        if (!held) {
            throw new ArchiveUnavailableException("object store: " + location + " holds this content but not under a"
                    + " running COMPLIANCE retention (" + lock.mode().orElse("no mode") + " until "
                    + lock.retainUntil().map(Instant::toString).orElse("never") + "); not registered", null);
        }
        return written;
    }

    private Written attempt(String bucket, String key, ObjectContent content, Map<String, String> metadata,
                            Optional<Instant> lockedUntil) {
        log.debug("writing {}/{}", bucket, key);
        try {
            PutResult put = store.putIfAbsent(bucket, key, content, metadata, lockedUntil);
            return put.occupant()
                    .map(occupant -> new Written(key, false, occupant.versionId(), Optional.of(occupant)))
                    .orElseGet(() -> new Written(key, true, put.versionId(), Optional.empty()));
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }
}
