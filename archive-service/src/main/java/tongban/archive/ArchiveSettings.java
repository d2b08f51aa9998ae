package tongban.archive;

import java.time.Duration;

/**
 * The archive's configuration: its two buckets, whether the store must enforce WORM (buckets created with S3 Object
 * Lock and refused without it), the retention policy, how old an unregistered object must be before reconciliation
 * may delete it (younger ones may belong to a store in progress), how often a long fixity audit logs its progress
 * and how many objects it reads at once.
 */
public record ArchiveSettings(String certificatesBucket, String packagesBucket, boolean requireObjectLock,
                              RetentionPolicy retention, Duration orphanGrace, Duration progressInterval,
                              int auditParallelism) {

    public ArchiveSettings {
        if (certificatesBucket.equals(packagesBucket)) {
            throw new IllegalArgumentException("certificates and packages need buckets of their own");
        }
        if (auditParallelism < 1) {
            throw new IllegalArgumentException("the audit reads at least one object at a time");
        }
    }

    /** Object Lock used where the buckets have it, not required; an hour of grace for orphans, progress every 10 s, 4 reads at once. */
    public static ArchiveSettings defaults(String certificatesBucket, String packagesBucket) {
        return new ArchiveSettings(certificatesBucket, packagesBucket, false, RetentionPolicy.standard(),
                Duration.ofHours(1), Duration.ofSeconds(10), 4);
    }
}
