package tongban.archive;

import java.util.Optional;

/**
 * What a conditional write did: {@code created}, with the store's version id where the bucket is versioned, or not,
 * because the key already held an object: the {@code occupant}, which was left as it was.
 */
public record PutResult(boolean created, Optional<String> versionId, Optional<StoredObject> occupant) {

    public static PutResult created(Optional<String> versionId) {
        return new PutResult(true, versionId, Optional.empty());
    }

    public static PutResult occupiedBy(StoredObject occupant) {
        return new PutResult(false, Optional.empty(), Optional.of(occupant));
    }
}
