package tongban.archive;

import java.util.Optional;

/**
 * What a conditional write did: {@code created}, with the store's version id where the bucket is versioned,
 * or not, because the key already held an object (which was left as it was).
 */
public record PutResult(boolean created, Optional<String> versionId) {

    public static PutResult created(String versionId) {
        return new PutResult(true, Optional.ofNullable(versionId));
    }

    public static PutResult alreadyExists() {
        return new PutResult(false, Optional.empty());
    }
}
