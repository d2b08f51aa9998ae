package tongban.archive.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import tongban.archive.ArchiveUnavailableException;
import tongban.archive.ObjectLocation;
import tongban.archive.Retention;

/** Connections, transactions and the failures of the registry database, in one place. */
final class Jdbc {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    static <T> T transaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit. */
    static <T> T autoCommit(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * The failure without PostgreSQL's message: its detail can quote the failing row, and a row holds a holder's
     * ID number, which must not reach a log. SQLState and constraint say what went wrong.
     */
    static ArchiveUnavailableException failure(String what, SQLException e) {
        StringBuilder message = new StringBuilder("registry database: ").append(what).append(" failed, SQLState ")
                .append(e.getSQLState());
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            Optional.ofNullable(psql.getServerErrorMessage().getConstraint())
                    .ifPresent(constraint -> message.append(", constraint ").append(constraint));
            return new ArchiveUnavailableException(message.toString(), null);
        }
        return new ArchiveUnavailableException(message.toString(), e.getCause() != null ? e.getCause() : e);
    }

    static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static ObjectLocation location(ResultSet row) throws SQLException {
        return new ObjectLocation(row.getString("bucket"), row.getString("object_key"),
                Optional.ofNullable(row.getString("version_id")));
    }

    static Retention retention(ResultSet row) throws SQLException {
        return new Retention(row.getString("retention_class"), instant(row, "retain_until"), row.getBoolean("store_locked"));
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it ends the transaction anyway
        }
    }
}
