package tongban.archive;

import java.time.Instant;
import java.util.Map;

/** An object as the store describes it; metadata keys are lower case, values as they were written. */
public record StoredObject(String key, long size, Instant lastModified, Map<String, String> metadata) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }
}
