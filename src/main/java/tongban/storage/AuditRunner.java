package tongban.storage;

import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;

/**
 * Runs the fixity audit in the background, one run at a time across every node: on its schedule, or when an operator
 * asks. The run holds a {@link ClusterLock}, so when every node's schedule fires at 02:30 one of them audits and the
 * others skip.
 */
@Component
class AuditRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditRunner.class);
    /** The advisory lock's two keys: a namespace for Tongban's session locks, and this lock in it. */
    static final int LOCK_SPACE = ClusterLock.LOCK_SPACE;
    static final int FIXITY_AUDIT = 1;

    private final Archive archive;
    private final ClusterLock lock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "fixity-audit");
        thread.setDaemon(true);
        return thread;
    });

    AuditRunner(Archive archive, DataSource dataSource) {
        this.archive = archive;
        this.lock = new ClusterLock(dataSource, "fixity audit", FIXITY_AUDIT);
    }

    /** Starts a run and returns its id, or empty if one is running here or on another node. */
    Optional<UUID> start() {
        ClusterLock.Held held = lock.tryAcquire().orElse(null);
        if (held == null) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        try {
            worker.execute(() -> {
                try (held) {
                    archive.fixity().run(id);
                } catch (RuntimeException e) {
                    log.error("fixity audit {} could not run: {}", id, e.getMessage());
                }
            });
        } catch (RuntimeException notStarted) {
            held.close();
            throw notStarted;
        }
        return Optional.of(id);
    }

    @Scheduled(cron = "${tongban.archive.audit.cron:0 30 2 * * *}")
    void scheduled() {
        start().ifPresentOrElse(id -> log.info("scheduled fixity audit {} started", id),
                () -> log.info("scheduled fixity audit skipped: a run is in progress on this or another node"));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
