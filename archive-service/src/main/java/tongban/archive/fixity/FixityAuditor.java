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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * against its bag's manifests in the same pass. {@code parallelism} objects are read at once, since a GET costs a
 * round trip that hashing does not fill. Progress and findings are logged and recorded every
 * {@code progressInterval}. A store outage ends the run as FAILED rather than naming every object unreadable.
 */
public final class FixityAuditor implements FixityAudit {

    private static final Logger log = LoggerFactory.getLogger(FixityAuditor.class);
    private static final int BUFFER = 256 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ObjectStore store;
    private final ObjectRecords records;
    private final AuditLog audits;
    private final Clock clock;
    private final Duration progressInterval;
    private final int parallelism;

    public FixityAuditor(ObjectStore store, ObjectRecords records, AuditLog audits, Clock clock, Duration progressInterval,
                         int parallelism) {
        this.store = store;
        this.records = records;
        this.audits = audits;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.parallelism = parallelism;
    }

    @Override
    public AuditReport run(UUID runId) {
        Instant started = clock.instant();
        audits.begin(runId, started);
        long total = records.count();
        log.info("fixity audit {} started: {} objects", runId, total);
        Run run = new Run(runId, total, started);
        Optional<String> failure = run.go();
        Instant finished = clock.instant();
        try {
            run.flush();
            audits.finish(runId, finished, failure.isPresent() ? State.FAILED : State.FINISHED, failure);
        } catch (RuntimeException e) {
            log.error("fixity audit {}: the end of the run could not be recorded: {}", runId, e.getMessage());
        }
        AuditReport report = run.report(failure.isPresent() ? State.FAILED : State.FINISHED, finished, failure);
        if (failure.isPresent()) {
            log.error("fixity audit {} failed after {} objects: {}", runId, report.objectsChecked(), failure.get());
        } else {
            log.info("fixity audit {} finished: {} objects, {} MB at {} MB/s, {} findings", runId, report.objectsChecked(),
                    report.bytesRead() / 1_000_000, run.megabytesPerSecond(), report.findings().size());
        }
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

    /** One run: the readers, the counters, the findings, the progress reports. */
    private final class Run {
        final UUID id;
        final long total;
        final Instant started;
        final AtomicLong checked = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final List<Finding> findings = new ArrayList<>();
        final AtomicReference<RuntimeException> broken = new AtomicReference<>();
        final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
        final long startNanos = System.nanoTime(); // the logged rate is wall time, whatever the clock says
        int recordedFindings;
        Instant lastProgress;

        Run(UUID id, long total, Instant started) {
            this.id = id;
            this.total = total;
            this.started = started;
            this.lastProgress = started;
        }

        /** Reads everything; the failure that stopped the run, if one did. */
        Optional<String> go() {
            ExecutorService readers = Executors.newFixedThreadPool(parallelism, task -> {
                Thread thread = new Thread(task, "fixity-audit-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            Semaphore inFlight = new Semaphore(parallelism * 2);
            try {
                records.scan(record -> {
                    inFlight.acquireUninterruptibly();
                    readers.execute(() -> {
                        try {
                            check(record);
                        } catch (RuntimeException e) {
                            broken.compareAndSet(null, e);
                        } finally {
                            inFlight.release();
                        }
                    });
                    reportProgressIfDue();
                    return broken.get() == null;
                });
            } catch (RuntimeException e) {
                broken.compareAndSet(null, e);
            } finally {
                readers.shutdown();
                awaitQuietly(readers);
            }
            RuntimeException failure = broken.get();
            if (failure == null) {
                return Optional.empty();
            }
            return Optional.of(failure instanceof ObjectStoreException
                    ? "object store unavailable: " + failure.getMessage()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }

        void check(ObjectRecord record) {
            Optional<Finding> finding = inspect(record);
            checked.incrementAndGet();
            finding.ifPresent(f -> {
                synchronized (findings) {
                    findings.add(f);
                }
                log.warn("fixity audit {}: {} {}/{} (record {}): {}", id, f.kind(), f.bucket(), f.key(), f.recordId(), f.detail());
            });
        }

        /** Reads the object once; a stream broken midway is retried once before it counts as unreadable. */
        Optional<Finding> inspect(ObjectRecord record) {
            IOException lastBreak = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                Optional<InputStream> opened = store.read(record.location());
                if (opened.isEmpty()) {
                    return Optional.of(finding(Kind.MISSING, record, "registered but not in the store"));
                }
                MessageDigest digest = Sha256.newDigest();
                try (InputStream in = new DigestingStream(opened.get(), digest, bytes::addAndGet)) {
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
                    lastBreak = e;
                }
            }
            return Optional.of(finding(Kind.UNREADABLE, record, "reading failed: " + lastBreak.getMessage()));
        }

        private List<String> drain(InputStream in) throws IOException {
            byte[] buffer = buffers.get();
            while (in.read(buffer) != -1) {
                // DigestingStream digests and counts what passes
            }
            return List.of();
        }

        void reportProgressIfDue() {
            Instant now = clock.instant();
            if (Duration.between(lastProgress, now).compareTo(progressInterval) < 0) {
                return;
            }
            flush();
            lastProgress = now;
            log.info("fixity audit {}: {} of {} objects, {} MB, {} MB/s, {} findings", id, checked.get(), total,
                    bytes.get() / 1_000_000, megabytesPerSecond(), recordedFindings);
        }

        long megabytesPerSecond() {
            return Math.round(bytes.get() / 1e6 / Math.max(System.nanoTime() - startNanos, 1) * 1e9);
        }

        /** Records the counters and the findings not yet recorded. */
        void flush() {
            List<Finding> fresh;
            synchronized (findings) {
                fresh = List.copyOf(findings.subList(recordedFindings, findings.size()));
            }
            audits.progress(id, checked.get(), bytes.get(), fresh, recordedFindings);
            recordedFindings += fresh.size();
        }

        AuditReport report(State state, Instant finished, Optional<String> failure) {
            synchronized (findings) {
                return new AuditReport(id, state, started, Optional.of(finished), checked.get(), bytes.get(), findings, failure);
            }
        }

        private Finding finding(Kind kind, ObjectRecord record, String detail) {
            return new Finding(kind, record.bucket(), record.key(), record.recordId(), detail);
        }
    }

    private static void awaitQuietly(ExecutorService readers) {
        try {
            while (!readers.awaitTermination(1, TimeUnit.MINUTES)) {
                log.info("fixity audit: waiting for the last reads to finish");
            }
        } catch (InterruptedException e) {
            readers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
