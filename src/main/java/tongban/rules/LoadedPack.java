package tongban.rules;

import java.time.Instant;
import java.util.List;

/** A pack that serves now: its item, version (content hash), when it was loaded, and its source files. */
public record LoadedPack(String item, String version, Instant loadedAt, List<String> files) {
}
