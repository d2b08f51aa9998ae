package tongban.archive;

import java.util.Optional;

/** Reads and changes the Object Lock state of registered objects, for certificates and packages alike. */
final class LegalHolds {

    private final ObjectStore store;

    LegalHolds(ObjectStore store) {
        this.store = store;
    }

    Optional<ObjectLock> lock(ObjectLocation location) {
        try {
            return store.lock(location);
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }

    ObjectLock set(ObjectLocation location, boolean on) {
        if (!store.protection(location.bucket()).objectLock()) {
            throw new ObjectLockUnavailableException(location.bucket());
        }
        try {
            store.setLegalHold(location, on);
            return store.lock(location).orElseThrow(() -> new IntegrityException(location + " is registered but not in the store"));
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }
}
