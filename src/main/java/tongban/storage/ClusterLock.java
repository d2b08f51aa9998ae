package tongban.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.ArchiveUnavailableException;

/**
 * A job that runs on one node at a time across the cluster (集群互斥): a PostgreSQL session advisory lock held on a
 * connection of its own for the job's run. When every node's schedule fires one of them runs and the others skip;
 * a node that dies mid-run releases the lock with its connection.
 */
public final class ClusterLock {

    private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);
    /** The advisory lock's first key: a namespace for Tongban's session locks. */
    static final int LOCK_SPACE = 0x7462;

    private final DataSource dataSource;
    private final String job;
    private final int key;

    /**
     * @param job what the lock guards, for messages
     * @param key this job's lock in Tongban's namespace, one per job
     */
    public ClusterLock(DataSource dataSource, String job, int key) {
        this.dataSource = dataSource;
        this.job = job;
        this.key = key;
    }

    /** The lock while it is held; closing it releases the lock and its connection. */
    public final class Held implements AutoCloseable {

        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
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
    }

    /**
     * The lock, or empty if another session holds it.
     *
     * @throws ArchiveUnavailableException when the database cannot be reached
     */
    public Optional<Held> tryAcquire() {
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
                        return Optional.of(new Held(connection));
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
