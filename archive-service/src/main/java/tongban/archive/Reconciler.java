package tongban.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.ReconciliationReport.DeleteMarker;
import tongban.archive.ReconciliationReport.Missing;
import tongban.archive.ReconciliationReport.Orphan;
import tongban.archive.registry.ObjectRecords;
import tongban.archive.registry.ObjectRecords.ObjectRecord;
import tongban.archive.registry.OrphanLog;

/** {@link Reconciliation} over both buckets. */
final class Reconciler implements Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final ObjectStore store;
    private final ObjectRecords records;
    private final OrphanLog orphans;
    private final List<String> buckets;
    private final Duration grace;
    private final Clock clock;

    Reconciler(ObjectStore store, ObjectRecords records, OrphanLog orphans, List<String> buckets, Duration grace, Clock clock) {
        this.store = store;
        this.records = records;
        this.orphans = orphans;
        this.buckets = List.copyOf(buckets);
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public ReconciliationReport reconcile() {
        Instant now = clock.instant();
        long listed = 0;
        long checked = 0;
        List<Orphan> found = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        List<DeleteMarker> markers = new ArrayList<>();
        for (String bucket : buckets) {
            // records first, then the listing: an object stored in between shows as a young orphan, never as missing
            Map<String, ObjectRecord> registered = records.inBucket(bucket);
            Map<String, String> recorded = orphans.open(bucket);
            Set<String> registeredSeen = new HashSet<>();
            Set<String> keysSeen = new HashSet<>();
            try (Stream<StoredObject> objects = store.list(bucket)) {
                for (StoredObject object : (Iterable<StoredObject>) objects::iterator) {
                    if (object.deleteMarker()) {
                        Optional.ofNullable(registered.get(object.key())).ifPresent(record -> markers.add(
                                new DeleteMarker(record.recordId(), bucket, object.key(), object.lastModified())));
                        continue;
                    }
                    listed++;
                    keysSeen.add(object.key());
                    ObjectRecord record = registered.get(object.key());
                    if (record != null && isRegisteredVersion(record, object.versionId())) {
                        registeredSeen.add(object.key());
                    } else {
                        // in a versioned bucket, a version written over a registered one is an orphan too
                        found.add(new Orphan(bucket, object.key(), object.versionId(), object.size(), object.lastModified(),
                                Optional.ofNullable(recorded.get(object.key()))));
                    }
                }
            } catch (ObjectStoreException e) {
                throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
            }
            checked += registered.size();
            registered.values().stream().filter(r -> !registeredSeen.contains(r.key()))
                    .forEach(r -> missing.add(new Missing(r.recordId(), bucket, r.key())));
            recorded.keySet().stream().filter(key -> !keysSeen.contains(key))
                    .forEach(key -> orphans.resolve(bucket, key, "GONE", now));
        }
        markers.forEach(m -> log.warn("reconciliation: {}/{} (record {}) has a delete marker of {}: someone deleted it"
                + " without a version id; the archive reads the registered version", m.bucket(), m.key(), m.recordId(), m.markedAt()));
        if (!found.isEmpty() || !missing.isEmpty()) {
            log.warn("reconciliation: {} objects listed, {} records; {} orphans, {} records without their object",
                    listed, checked, found.size(), missing.size());
            missing.forEach(m -> log.error("reconciliation: record {} points to {}/{}, which is not in the store",
                    m.recordId(), m.bucket(), m.key()));
        }
        return new ReconciliationReport(now, listed, checked, found, missing, markers, List.of());
    }

    /** A record without a version id (an unversioned bucket) matches the key's only object. */
    private static boolean isRegisteredVersion(ObjectRecord record, Optional<String> versionId) {
        return record.versionId().isEmpty() || record.versionId().equals(versionId);
    }

    @Override
    public ReconciliationReport cleanOrphans() {
        ReconciliationReport report = reconcile();
        Instant cutoff = report.checkedAt().minus(grace);
        List<Orphan> deleted = new ArrayList<>();
        Map<String, Map<String, ObjectRecord>> registeredNow = new HashMap<>();
        for (Orphan orphan : report.orphans()) {
            ObjectRecord registered = registeredNow.computeIfAbsent(orphan.bucket(), records::inBucket).get(orphan.key());
            if (orphan.lastModified().isAfter(cutoff) || registered != null && isRegisteredVersion(registered, orphan.versionId())) {
                continue; // young, or registered since the listing
            }
            try {
                store.delete(orphan.location());
                orphans.resolve(orphan.bucket(), orphan.key(), "DELETED", clock.instant());
                deleted.add(orphan);
                log.info("reconciliation: deleted orphan {}", orphan.location());
            } catch (ObjectStoreException e) {
                // under Object Lock the store keeps it until its retention ends
                log.warn("reconciliation: orphan {} not deleted: {}", orphan.location(), e.getMessage());
            }
        }
        List<Orphan> left = report.orphans().stream().filter(o -> !deleted.contains(o)).toList();
        return new ReconciliationReport(report.checkedAt(), report.objectsListed(), report.recordsChecked(), left,
                report.missing(), report.deleteMarkers(), deleted);
    }
}
