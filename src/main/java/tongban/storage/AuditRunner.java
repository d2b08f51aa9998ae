package tongban.storage;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import tongban.archive.ArchiveUnavailableException;

/**
 * Runs the fixity audit in the background, one run at a time across every node: on its schedule, or when an operator
 * asks. The run holds a PostgreSQL advisory lock on a connection of its own, so when every node's schedule fires at
 * 02:30 one of them audits and the others skip; a node that dies mid-run releases the lock with its connection.
 */
@Component
class AuditRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditRunner.class);
    /** The advisory lock's two keys: a namespace for Tongban's session locks, and this lock in it. */
    static final int LOCK_SPACE = 0x7462;
    static final int FIXITY_AUDIT = 1;

    private final Archive archive;
    private final DataSource dataSource;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "fixity-audit");
        thread.setDaemon(true);
        return thread;
    });

    AuditRunner(Archive archive, DataSource dataSource) {
        this.archive = archive;
        this.dataSource = dataSource;
    }

    /** Starts a run and returns its id, or empty if one is running here or on another node. */
    Optional<UUID> start() {
        Connection lock = acquire().orElse(null);
        if (lock == null) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        try {
            worker.execute(() -> {
                try {
                    archive.fixity().run(id);
                } catch (RuntimeException e) {
                    log.error("fixity audit {} could not run: {}", id, e.getMessage());
                } finally {
                    release(lock);
                }
            });
        } catch (RuntimeException notStarted) {
            release(lock);
            throw notStarted;
        }
        return Optional.of(id);
    }

    @Scheduled(cron = "${tongban.archive.audit.cron:0 30 2 * * *}")
    void scheduled() {
        start().ifPresentOrElse(id -> log.info("scheduled fixity audit {} started", id),
                () -> log.info("scheduled fixity audit skipped: a run is in progress on this or another node"));
    }

    /** A connection holding the audit's advisory lock, or empty if another session holds it. */
    private Optional<Connection> acquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, FIXITY_AUDIT);
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
            throw new ArchiveUnavailableException("registry: cannot take the fixity audit lock", e);
        }
    }

    private static void release(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_SPACE);
            unlock.setInt(2, FIXITY_AUDIT);
            unlock.execute();
        } catch (SQLException e) {
            // a pooled session would keep the lock: end the session itself, and the lock with it
            log.warn("fixity audit lock not released: {}; closing its database session", e.getMessage());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException alsoFailed) {
                log.warn("aborting the fixity audit's database session failed: {}", alsoFailed.getMessage());
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the fixity audit's connection failed: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
