package tongban.archive;

import java.time.Instant;

/**
 * How long an archived object is kept (保管期限): its retention class, the date it may be disposed of, and whether
 * the store itself enforces that (S3 Object Lock, COMPLIANCE mode) or only the archive's write-once rule does.
 */
public record Retention(String retentionClass, Instant retainUntil, boolean enforcedByStore) {
}
