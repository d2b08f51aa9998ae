package tongban.archive;

import java.util.Optional;

/** Where an archived object is: bucket, key and, in a versioned bucket, the version that was registered. */
public record ObjectLocation(String bucket, String key, Optional<String> versionId) {

    /** The key's current object, whichever version that is. */
    public static ObjectLocation of(String bucket, String key) {
        return new ObjectLocation(bucket, key, Optional.empty());
    }

    @Override
    public String toString() {
        return bucket + "/" + key + versionId.map(v -> "?versionId=" + v).orElse("");
    }
}
