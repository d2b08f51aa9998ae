package tongban.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One run of the fixity audit: what it read and every object it found missing, altered or unreadable. */
public record AuditReport(UUID id, State state, Instant startedAt, Optional<Instant> finishedAt, long objectsChecked,
                          long bytesRead, List<Finding> findings, Optional<String> failure) {

    public AuditReport {
        findings = List.copyOf(findings);
    }

    public enum State { RUNNING, FINISHED, FAILED }

    /**
     * MISSING: a registered object is not in the store. MISMATCH: its SHA-256 is not the registered one.
     * BAG_INVALID: a package's bag does not match its own manifests. UNREADABLE: the store failed while reading it.
     */
    public enum Kind { MISSING, MISMATCH, BAG_INVALID, UNREADABLE }

    /** One problem, naming the object and the registry record it belongs to. */
    public record Finding(Kind kind, String bucket, String key, UUID recordId, String detail) {
    }

    /** Megabytes (10^6 bytes) read per second, over the run so far. */
    public double megabytesPerSecond() {
        double seconds = Duration.between(startedAt, finishedAt.orElse(Instant.now())).toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytesRead / 1e6 / seconds;
    }
}
