package tongban.archive;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An object as the store describes it: its key and, in a versioned bucket, its version; metadata keys are lower
 * case, values as they were written (a listing gives none).
 */
public record StoredObject(String key, Optional<String> versionId, long size, Instant lastModified, Map<String, String> metadata) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }

    public ObjectLocation in(String bucket) {
        return new ObjectLocation(bucket, key, versionId);
    }
}
