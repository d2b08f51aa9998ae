package tongban.archive;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An object as the store describes it: its key and, in a versioned bucket, its version; metadata keys are lower
 * case, values as they were written (a listing gives none). A listing of a versioned bucket also gives its delete
 * markers: entries that hide a key's versions from reads without a version id, and delete nothing.
 */
public record StoredObject(String key, Optional<String> versionId, long size, Instant lastModified, Map<String, String> metadata,
                           boolean deleteMarker) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }

    public StoredObject(String key, Optional<String> versionId, long size, Instant lastModified, Map<String, String> metadata) {
        this(key, versionId, size, lastModified, metadata, false);
    }

    public ObjectLocation in(String bucket) {
        return new ObjectLocation(bucket, key, versionId);
    }
}
