package tongban.archive.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.AuditReport;
import tongban.archive.AuditReport.Finding;
import tongban.archive.AuditReport.Kind;
import tongban.archive.AuditReport.State;
import tongban.archive.FixityAudit;
import tongban.archive.ObjectStore;
import tongban.archive.ObjectStoreException;
import tongban.archive.Sha256;
import tongban.archive.bagit.BagCheck;
import tongban.archive.registry.AuditLog;
import tongban.archive.registry.ObjectRecords;
import tongban.archive.registry.ObjectRecords.ObjectRecord;

/**
 * {@link FixityAudit} in one pass per object: the stream is digested as it is read and, for a package, checked
 * against its bag's manifests in the same pass. Progress and findings are logged and recorded every
 * {@code progressInterval}. A store outage ends the run as FAILED rather than naming every object unreadable.
 */
public final class FixityAuditor implements FixityAudit {

    private static final Logger log = LoggerFactory.getLogger(FixityAuditor.class);
    private static final int BUFFER = 256 * 1024;

    private final ObjectStore store;
    private final ObjectRecords records;
    private final AuditLog audits;
    private final Clock clock;
    private final Duration progressInterval;

    public FixityAuditor(ObjectStore store, ObjectRecords records, AuditLog audits, Clock clock, Duration progressInterval) {
        this.store = store;
        this.records = records;
        this.audits = audits;
        this.clock = clock;
        this.progressInterval = progressInterval;
    }

    @Override
    public AuditReport run(UUID runId) {
        Instant started = clock.instant();
        audits.begin(runId, started);
        long total = records.count();
        log.info("fixity audit {} started: {} objects", runId, total);
        Run run = new Run(runId, total, started);
        try {
            records.forEach(run::check);
            run.flush();
        } catch (ObjectStoreException e) {
            return run.fail("object store unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            return run.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant finished = clock.instant();
        audits.finish(runId, finished, State.FINISHED, Optional.empty());
        AuditReport report = run.report(State.FINISHED, Optional.of(finished), Optional.empty());
        log.info("fixity audit {} finished: {} objects, {} MB at {} MB/s, {} findings", runId, run.checked,
                run.bytes / 1_000_000, Math.round(report.megabytesPerSecond()), run.findings.size());
        return report;
    }

    @Override
    public Optional<AuditReport> find(UUID runId) {
        return audits.find(runId);
    }

    @Override
    public Optional<AuditReport> latest() {
        return audits.latest();
    }

    /** One run's counters, findings and progress reports. */
    private final class Run {
        final UUID id;
        final long total;
        final Instant started;
        final byte[] buffer = new byte[BUFFER];
        final List<Finding> findings = new ArrayList<>();
        int recordedFindings;
        long checked;
        long bytes;
        Instant lastProgress;

        Run(UUID id, long total, Instant started) {
            this.id = id;
            this.total = total;
            this.started = started;
            this.lastProgress = started;
        }

        void check(ObjectRecord record) {
            Optional<Finding> finding = inspect(record);
            checked++;
            finding.ifPresent(f -> {
                findings.add(f);
                log.warn("fixity audit {}: {} {}/{} (record {}): {}", id, f.kind(), f.bucket(), f.key(), f.recordId(), f.detail());
            });
            Instant now = clock.instant();
            if (Duration.between(lastProgress, now).compareTo(progressInterval) >= 0) {
                flush();
                lastProgress = now;
                double seconds = Math.max(Duration.between(started, now).toMillis(), 1) / 1000.0;
                log.info("fixity audit {}: {} of {} objects, {} MB, {} MB/s, {} findings", id, checked, total,
                        bytes / 1_000_000, Math.round(bytes / 1e6 / seconds), findings.size());
            }
        }

        /** Reads the object once; a stream broken midway is retried once before it counts as unreadable. */
        Optional<Finding> inspect(ObjectRecord record) {
            IOException broken = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                Optional<InputStream> opened = store.read(record.bucket(), record.key());
                if (opened.isEmpty()) {
                    return Optional.of(finding(Kind.MISSING, record, "registered but not in the store"));
                }
                MessageDigest digest = Sha256.newDigest();
                try (InputStream in = new DigestingStream(opened.get(), digest, this::count)) {
                    List<String> bagProblems = record.kind() == ObjectRecords.Kind.PACKAGE ? BagCheck.verify(in) : drain(in);
                    Sha256 actual = Sha256.of(digest);
                    if (!actual.equals(record.sha256())) {
                        return Optional.of(finding(Kind.MISMATCH, record, "SHA-256 registered " + record.sha256()
                                + ", read " + actual + (bagProblems.isEmpty() ? "" : "; bag: " + String.join("; ", bagProblems))));
                    }
                    if (!bagProblems.isEmpty()) {
                        return Optional.of(finding(Kind.BAG_INVALID, record, String.join("; ", bagProblems)));
                    }
                    return Optional.empty();
                } catch (IOException e) {
                    broken = e;
                }
            }
            return Optional.of(finding(Kind.UNREADABLE, record, "reading failed: " + broken.getMessage()));
        }

        private List<String> drain(InputStream in) throws IOException {
            while (in.read(buffer) != -1) {
                // DigestingStream digests and counts what passes
            }
            return List.of();
        }

        private void count(int n) {
            bytes += n;
        }

        void flush() {
            audits.progress(id, checked, bytes, findings.subList(recordedFindings, findings.size()), recordedFindings);
            recordedFindings = findings.size();
        }

        AuditReport fail(String reason) {
            log.error("fixity audit {} failed after {} objects: {}", id, checked, reason);
            Instant finished = clock.instant();
            try {
                flush();
                audits.finish(id, finished, State.FAILED, Optional.of(reason));
            } catch (RuntimeException e) {
                log.error("fixity audit {}: the failure could not be recorded: {}", id, e.getMessage());
            }
            return report(State.FAILED, Optional.of(finished), Optional.of(reason));
        }

        AuditReport report(State state, Optional<Instant> finished, Optional<String> failure) {
            return new AuditReport(id, state, started, finished, checked, bytes, findings, failure);
        }

        private Finding finding(Kind kind, ObjectRecord record, String detail) {
            return new Finding(kind, record.bucket(), record.key(), record.recordId(), detail);
        }
    }
}
