package tongban.archive;

import java.time.Instant;

/**
 * How long an archived object is kept (保管期限): its retention class, the date it may be disposed of, and whether
 * the store itself enforces that (S3 Object Lock, COMPLIANCE mode) or only the archive's write-once rule does.
 */
public record Retention(String retentionClass, Instant retainUntil, boolean enforcedByStore) {

    /**
     * The latest retain-until date the archive asks a store for: 2<sup>32</sup> − 1 seconds after 1970. Ceph RGW 16
     * keeps retention dates in 32 bits and silently wraps a later one into the past (2126 becomes 1990, and the
     * object can be deleted at once); a COMPLIANCE retention can be extended later, never shortened.
     */
    public static final Instant LOCK_HORIZON = Instant.ofEpochSecond(0xFFFF_FFFFL);

    /** The retain-until date put on the object: {@link #retainUntil}, or the {@link #LOCK_HORIZON} if that is later. */
    public static Instant lockUntil(Instant retainUntil) {
        return retainUntil.isAfter(LOCK_HORIZON) ? LOCK_HORIZON : retainUntil;
    }
}
