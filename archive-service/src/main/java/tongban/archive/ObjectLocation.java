package tongban.archive;

import java.util.Optional;

/** Where an archived object is: bucket, key and, in a versioned bucket, the version that was registered. */
public record ObjectLocation(String bucket, String key, Optional<String> versionId) {
}
