package tongban.storage;

import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;

/**
 * Runs the fixity audit in the background, one run at a time across every node: on its schedule, or when an operator
 * asks. The run is a {@link ClusterJob}, so when every node's schedule fires at 02:30 one of them audits and the
 * others skip.
 */
@Component
class AuditRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditRunner.class);
    /** The advisory lock's two keys: a namespace for Tongban's session locks, and this lock in it. */
    static final int LOCK_SPACE = ClusterJob.LOCK_SPACE;
    static final int FIXITY_AUDIT = 1;

    private final Archive archive;
    private final ClusterJob job;

    AuditRunner(Archive archive, DataSource dataSource) {
        this.archive = archive;
        this.job = new ClusterJob(dataSource, "fixity audit", FIXITY_AUDIT);
    }

    /** Starts a run and returns its id, or empty if one is running here or on another node. */
    Optional<UUID> start() {
        return job.start(id -> archive.fixity().run(id));
    }

    @Scheduled(cron = "${tongban.archive.audit.cron:0 30 2 * * *}")
    void scheduled() {
        start().ifPresentOrElse(id -> log.info("scheduled fixity audit {} started", id),
                () -> log.info("scheduled fixity audit skipped: a run is in progress on this or another node"));
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
