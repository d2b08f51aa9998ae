package tongban.archive;

import java.time.Duration;

/**
 * The archive's configuration: its two buckets, the retention policy, how old an unregistered object must be
 * before reconciliation may delete it (younger ones may belong to a store in progress), and how often a long
 * fixity audit logs its progress.
 */
public record ArchiveSettings(String certificatesBucket, String packagesBucket, RetentionPolicy retention,
                              Duration orphanGrace, Duration progressInterval) {

    public ArchiveSettings {
        if (certificatesBucket.equals(packagesBucket)) {
            throw new IllegalArgumentException("certificates and packages need buckets of their own");
        }
    }

    public static ArchiveSettings defaults(String certificatesBucket, String packagesBucket) {
        return new ArchiveSettings(certificatesBucket, packagesBucket, RetentionPolicy.standard(),
                Duration.ofHours(1), Duration.ofSeconds(10));
    }
}
