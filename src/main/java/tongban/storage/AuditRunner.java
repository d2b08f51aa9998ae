package tongban.storage;

import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;

/**
 * Runs the fixity audit in the background, one run at a time across every node: on its schedule, or when an operator
 * asks. The run is a {@link ClusterJob}, so when every node's schedule fires at 02:30 one of them audits that night
 * and the others skip.
 */
@Component
class AuditRunner implements SchedulingConfigurer {

    /** The advisory lock's two keys: a namespace for Tongban's session locks, and this lock in it. */
    static final int LOCK_SPACE = ClusterJob.LOCK_SPACE;
    static final int FIXITY_AUDIT = 1;

    private final Archive archive;
    private final ClusterJob job;
    private final String cron;

    AuditRunner(Archive archive, DataSource dataSource, @Value("${tongban.archive.audit.cron:0 30 2 * * *}") String cron) {
        this.archive = archive;
        this.job = new ClusterJob(dataSource, "fixity audit", FIXITY_AUDIT);
        this.cron = cron;
    }

    /** Starts a run and returns its id, or empty if one is running here or on another node. */
    Optional<UUID> start() {
        return job.start(archive.fixity()::run);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        job.schedule(registrar, cron, archive.fixity()::run);
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
