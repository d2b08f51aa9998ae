package tongban.storage;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import tongban.archive.ArchiveUnavailableException;

/**
 * A background job that runs on one node at a time across the cluster (集群互斥), on a thread of its own: each run
 * holds a PostgreSQL session advisory lock on a connection of its own; a node that dies mid-run releases the lock with
 * its connection. On its schedule it runs once per fire time across the cluster: every node's schedule fires, and the
 * node that records the fire time in {@code cluster_job_run} runs it while the others skip, even one whose schedule
 * fires after the run has finished.
 */
public final class ClusterJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterJob.class);
    /** The advisory lock's first key: a namespace for Tongban's session locks. */
    static final int LOCK_SPACE = 0x7462;
    /** This process, as recorded with the runs it claims: {@code pid@host}. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final DataSource dataSource;
    private final String job;
    private final int key;
    private final ExecutorService worker;

    /**
     * @param job what runs, for messages and the thread's name
     * @param key this job's lock in Tongban's namespace, one per job
     */
    public ClusterJob(DataSource dataSource, String job, int key) {
        this.dataSource = dataSource;
        this.job = job;
        this.key = key;
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, job.replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code run} (given the run's id) in the background and returns the id, or empty if a run holds the lock
     * on this or another node.
     *
     * @throws ArchiveUnavailableException when the database cannot be reached
     */
    public Optional<UUID> start(Consumer<UUID> run) {
        return acquire().map(lock -> launch(lock, UUID.randomUUID(), run));
    }

    /**
     * Puts the job on this node's schedule: at every fire time of {@code cron} (Spring's cron syntax in the node's
     * time zone; {@code -} for never) it starts {@code run}, unless a run holds the lock or another node has run that
     * fire time already.
     */
    public void schedule(ScheduledTaskRegistrar registrar, String cron, Consumer<UUID> run) {
        if (Scheduled.CRON_DISABLED.equals(cron)) {
            return;
        }
        CronTrigger trigger = new CronTrigger(cron);
        // the trigger is asked for the next fire time before each run, which then runs for it
        AtomicReference<Instant> firing = new AtomicReference<>();
        registrar.addTriggerTask(() -> {
            try {
                startScheduled(firing.get(), run);
            } catch (ArchiveUnavailableException e) {
                log.warn("scheduled {} of {} not started: {}", job, firing.get(), e.getMessage());
            }
        }, context -> {
            Instant next = trigger.nextExecution(context);
            firing.set(next);
            return next;
        });
    }

    /** Starts the run of one fire time, unless a run holds the lock or that fire time is claimed already. */
    Optional<UUID> startScheduled(Instant period, Consumer<UUID> run) {
        Connection lock = acquire().orElse(null);
        if (lock == null) {
            log.info("scheduled {} of {} skipped: a run is in progress on this or another node", job, period);
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        boolean claimed;
        try (PreparedStatement claim = lock.prepareStatement("insert into cluster_job_run (job, period, run_id, node) "
                + "values (?, ?, ?, ?) on conflict (job, period) do nothing")) {
            claim.setString(1, job);
            claim.setObject(2, period.atOffset(ZoneOffset.UTC));
            claim.setObject(3, id);
            claim.setString(4, NODE);
            claimed = claim.executeUpdate() == 1;
        } catch (SQLException e) {
            release(lock);
            throw new ArchiveUnavailableException("registry: cannot claim the " + job + " of " + period, e);
        }
        if (!claimed) {
            release(lock);
            log.info("scheduled {} of {} skipped: another node ran it", job, period);
            return Optional.empty();
        }
        log.info("scheduled {} of {} started as run {} on this node", job, period, id);
        return Optional.of(launch(lock, id, run));
    }

    /** Runs {@code run} on the worker thread, which releases {@code lock} when it ends. */
    private UUID launch(Connection lock, UUID id, Consumer<UUID> run) {
        try {
            worker.execute(() -> {
                try {
                    run.accept(id);
                } catch (RuntimeException e) {
                    log.error("{} {} could not run: {}", job, id, e.getMessage());
                } finally {
                    release(lock);
                }
            });
        } catch (RuntimeException notStarted) {
            release(lock);
            throw notStarted;
        }
        return id;
    }

    /** Stops the thread; a run in progress is interrupted and its lock goes with its connection. */
    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** A connection holding the job's advisory lock, or empty if another session holds it. */
    private Optional<Connection> acquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, key);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return Optional.of(connection);
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ArchiveUnavailableException("registry: cannot take the " + job + " lock", e);
        }
    }

    private void release(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_SPACE);
            unlock.setInt(2, key);
            unlock.execute();
        } catch (SQLException e) {
            // a pooled session would keep the lock: end the session itself, and the lock with it
            log.warn("{} lock not released: {}; closing its database session", job, e.getMessage());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException alsoFailed) {
                log.warn("aborting the {} database session failed: {}", job, alsoFailed.getMessage());
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the {} connection failed: {}", job, e.getMessage());
        }
    }
}
