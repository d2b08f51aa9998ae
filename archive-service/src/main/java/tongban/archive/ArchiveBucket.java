package tongban.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One bucket of the archive as the certificate library and the package archive both use it: objects written once
 * under {@code <name>.<extension>} (or {@code <name>.<content hash prefix>.<extension>} when a leftover holds that
 * key), retention by class, Object Lock where the bucket has it, reads checked against the registered SHA-256.
 */
final class ArchiveBucket {

    private final ObjectStore store;
    private final WriteOnce writeOnce;
    private final String bucket;
    private final boolean locked;
    private final RetentionPolicy retention;
    private final Clock clock;

    ArchiveBucket(ObjectStore store, WriteOnce writeOnce, String bucket, boolean locked, RetentionPolicy retention, Clock clock) {
        this.store = store;
        this.writeOnce = writeOnce;
        this.bucket = bucket;
        this.locked = locked;
        this.retention = retention;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** The retention of an object of this certificate type or item, counted from {@code from}. */
    Retention retention(String typeOrItem, Instant from) {
        return new Retention(retention.classFor(typeOrItem), retention.retainUntil(typeOrItem, from), locked);
    }

    /** Writes the object once (see {@link WriteOnce#put}), under COMPLIANCE retention where the bucket has Object Lock. */
    WriteOnce.Written put(String name, String extension, Sha256 contentHash, ObjectContent content,
                          Map<String, String> metadata, Retention kept, Predicate<StoredObject> sameContent) {
        return writeOnce.put(bucket, name + "." + extension, name + "." + contentHash.hex().substring(0, 16) + "." + extension,
                content, metadata, locked ? Optional.of(Retention.lockUntil(kept.retainUntil())) : Optional.empty(), sameContent);
    }

    ObjectLocation location(WriteOnce.Written written) {
        return new ObjectLocation(bucket, written.key(), written.versionId());
    }

    boolean register(WriteOnce.Written written, Sha256 sha256, BooleanSupplier registration) {
        return writeOnce.register(bucket, written.key(), sha256, registration);
    }

    /** Records the written object as an orphan when a concurrent store registered another one first. */
    void orphanUnlessRegistered(WriteOnce.Written written, ObjectLocation registered, Sha256 sha256, String reason) {
        if (!registered.key().equals(written.key())) {
            writeOnce.orphan(bucket, written.key(), sha256, reason);
        }
    }

    byte[] read(ObjectLocation location, Sha256 registered) {
        return Verified.read(store, location, registered);
    }

    Optional<ObjectLock> lock(ObjectLocation location) {
        try {
            return store.lock(location);
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }

    /** @throws ObjectLockUnavailableException where the bucket has no Object Lock */
    ObjectLock legalHold(ObjectLocation location, boolean on) {
        if (!locked) {
            throw new ObjectLockUnavailableException(bucket);
        }
        try {
            store.setLegalHold(location, on);
            return store.lock(location).orElseThrow(() -> new IntegrityException(location + " is registered but not in the store"));
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }
}
