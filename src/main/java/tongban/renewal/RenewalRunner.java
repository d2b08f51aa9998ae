package tongban.renewal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.ArchiveResult;
import tongban.archive.CertificateRevision;
import tongban.archive.StoreRevision;
import tongban.audit.AuditLog;
import tongban.seal.LastTimestamp;
import tongban.seal.RenewedDocument;
import tongban.seal.SealService;
import tongban.storage.ClusterJob;

/**
 * Renews archived documents before their last timestamp's certificate or algorithm ends: reads each one's newest
 * revision, and when it is due appends fresh validation data and a new archive timestamp and archives the result
 * as the next revision. One run at a time across the cluster ({@link ClusterJob}); the archive refuses a revision
 * that does not extend the newest one, so even a second runner could not fork the chain. Nothing waits on it: it
 * runs on its own thread, on its schedule or when an operator asks.
 */
@Component
@EnableConfigurationProperties(RenewalProperties.class)
class RenewalRunner implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RenewalRunner.class);
    /** This job's lock in Tongban's advisory-lock namespace (the fixity audit is 1). */
    static final int RENEWAL = 2;
    private static final int PAGE = 100;

    private final Archive archive;
    private final SealService seals;
    private final AuditLog audit;
    private final RenewalProperties properties;
    private final Clock clock;
    private final ClusterJob job;
    private final String cron;

    RenewalRunner(Archive archive, SealService seals, AuditLog audit, RenewalProperties properties, Clock clock,
                  DataSource dataSource, @Value("${tongban.renewal.cron:0 0 3 * * *}") String cron) {
        this.archive = archive;
        this.seals = seals;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.job = new ClusterJob(dataSource, "renewal", RENEWAL);
        this.cron = cron;
    }

    /** What one run did: documents read, renewed, scheduled for later, failed (retried after a while). */
    record Run(UUID id, String actor, Instant startedAt, Instant finishedAt, int examined, int renewed, int scheduled,
               int failed) {
    }

    /** Starts a run in the background and returns its id, or empty if one is running here or on another node. */
    Optional<UUID> start(String actor) {
        return job.start(id -> run(id, actor));
    }

    /** On its schedule, once per fire time across the cluster. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        job.schedule(registrar, cron, id -> run(id, "system"));
    }

    /** Goes through every document due by the run's start (and every one not yet read), once. */
    Run run(UUID id, String actor) {
        Instant startedAt = clock.instant();
        int[] counts = new int[4];
        Set<UUID> seen = new HashSet<>();
        boolean more = true;
        while (more) {
            more = false;
            for (UUID certificate : archive.certificates().renewalsDue(startedAt, PAGE + seen.size())) {
                if (seen.add(certificate)) {
                    more = true;
                    counts[0]++;
                    counts[renew(certificate, actor)]++;
                }
            }
        }
        Run run = new Run(id, actor, startedAt, clock.instant(), counts[0], counts[1], counts[2], counts[3]);
        audit.record(actor, "RENEWAL_RUN", "renewal/" + id, Map.of("examined", run.examined(), "renewed",
                run.renewed(), "scheduled", run.scheduled(), "failed", run.failed()));
        log.info("renewal run {}: {} documents read, {} renewed, {} not yet due, {} failed", id, run.examined(),
                run.renewed(), run.scheduled(), run.failed());
        return run;
    }

    /** 1 renewed, 2 scheduled for later, 3 failed. */
    private int renew(UUID certificate, String actor) {
        Instant now = clock.instant();
        try {
            List<CertificateRevision> chain = archive.certificates().revisions(certificate);
            CertificateRevision newest = chain.get(chain.size() - 1);
            byte[] pdf = archive.certificates().newestContent(certificate).orElseThrow();
            Optional<LastTimestamp> last = seals.lastTimestamp(pdf);
            if (last.isEmpty()) {
                return failed(certificate, now, "its newest revision carries no timestamp to renew");
            }
            Instant due = due(last.get());
            if (due.isAfter(now)) {
                archive.certificates().scheduleRenewal(certificate, due);
                return 2;
            }
            RenewedDocument renewed = seals.renew(pdf);
            Instant next = due(renewed.lastTimestamp());
            if (!next.isAfter(now)) {
                log.warn("certificate {}: the timestamp authority's certificate or algorithm ends within the renewal"
                        + " horizon; renewing again at once would not help", certificate);
                next = now.plus(properties.retryAfter());
            }
            ArchiveResult<CertificateRevision> stored = archive.certificates().storeRevision(
                    new StoreRevision(certificate, newest.sha256(), renewed.pdf(), next));
            if (stored instanceof ArchiveResult.Stored<CertificateRevision> s) {
                audit.record(actor, "CERTIFICATE_RENEWED", "certificate/" + certificate, Map.of(
                        "revision", s.record().revision(), "sha256", s.record().sha256().hex(),
                        "archiveTimestamp", renewed.lastTimestamp().time().toString(), "nextRenewal", next.toString()));
                return 1;
            }
            return 2;
        } catch (RuntimeException e) {
            return failed(certificate, now, e.getMessage());
        }
    }

    private int failed(UUID certificate, Instant now, String why) {
        log.warn("certificate {} not renewed, retried after {}: {}", certificate, properties.retryAfter(), why);
        try {
            archive.certificates().scheduleRenewal(certificate, now.plus(properties.retryAfter()));
        } catch (RuntimeException alsoFailed) {
            log.warn("certificate {}: the retry could not be scheduled either: {}", certificate,
                    alsoFailed.getMessage());
        }
        return 3;
    }

    private Instant due(LastTimestamp last) {
        return last.renewalDue(properties.horizon(), properties.algorithmEnds());
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
