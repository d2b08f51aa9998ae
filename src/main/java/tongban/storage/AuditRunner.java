package tongban.storage;

import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;

/** Runs the fixity audit in the background, one run at a time: on its schedule, or when an operator asks. */
@Component
class AuditRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditRunner.class);

    private final Archive archive;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "fixity-audit");
        thread.setDaemon(true);
        return thread;
    });

    AuditRunner(Archive archive) {
        this.archive = archive;
    }

    /** Starts a run and returns its id, or empty if one is running. */
    Optional<UUID> start() {
        if (!running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        worker.execute(() -> {
            try {
                archive.fixity().run(id);
            } catch (RuntimeException e) {
                log.error("fixity audit {} could not run: {}", id, e.getMessage());
            } finally {
                running.set(false);
            }
        });
        return Optional.of(id);
    }

    @Scheduled(cron = "${tongban.archive.audit.cron:0 30 2 * * *}")
    void scheduled() {
        start().ifPresentOrElse(id -> log.info("scheduled fixity audit {} started", id),
                () -> log.info("scheduled fixity audit skipped: a run is in progress"));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
