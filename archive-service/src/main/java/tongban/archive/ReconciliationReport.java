package tongban.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Store and registry compared: objects with no registry record (orphans: a registration that failed, or an
 * unknown write), records whose object is gone (missing: data loss), delete markers put over registered objects
 * (a delete without a version id; reads of the registered version are unaffected), plus the orphans a cleaning deleted.
 */
public record ReconciliationReport(Instant checkedAt, long objectsListed, long recordsChecked, List<Orphan> orphans,
                                   List<Missing> missing, List<DeleteMarker> deleteMarkers, List<Orphan> deleted) {

    public ReconciliationReport {
        orphans = List.copyOf(orphans);
        missing = List.copyOf(missing);
        deleteMarkers = List.copyOf(deleteMarkers);
        deleted = List.copyOf(deleted);
    }

    /**
     * An object (in a versioned bucket: a version) no record points to; {@code recordedReason} is why the archive
     * recorded it, if it did. Under Object Lock it cannot be deleted before its retention ends.
     */
    public record Orphan(String bucket, String key, Optional<String> versionId, long size, Instant lastModified,
                         Optional<String> recordedReason) {

        public ObjectLocation location() {
            return new ObjectLocation(bucket, key, versionId);
        }
    }

    /** A delete marker over a registered object's key: a delete without a version id, which S3 Object Lock allows. */
    public record DeleteMarker(UUID recordId, String bucket, String key, Instant markedAt) {
    }

    /** A record whose object is not in the store. */
    public record Missing(UUID recordId, String bucket, String key) {
    }
}
