package tongban.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Store and registry compared: objects with no registry record (orphans: a registration that failed, or an
 * unknown write) and records whose object is gone (missing: data loss), plus the orphans a cleaning deleted.
 */
public record ReconciliationReport(Instant checkedAt, long objectsListed, long recordsChecked, List<Orphan> orphans,
                                   List<Missing> missing, List<Orphan> deleted) {

    public ReconciliationReport {
        orphans = List.copyOf(orphans);
        missing = List.copyOf(missing);
        deleted = List.copyOf(deleted);
    }

    /** An object no record points to; {@code recordedReason} is why the archive recorded it, if it did. */
    public record Orphan(String bucket, String key, long size, Instant lastModified, Optional<String> recordedReason) {
    }

    /** A record whose object is not in the store. */
    public record Missing(UUID recordId, String bucket, String key) {
    }
}
