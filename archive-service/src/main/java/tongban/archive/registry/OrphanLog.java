package tongban.archive.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import tongban.archive.Sha256;

/** Objects written whose registration failed ({@code archive_orphan}): open until registered, deleted or gone. */
public final class OrphanLog {

    private final DataSource dataSource;

    public OrphanLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an orphan candidate in its own transaction; one open record per object. */
    public void record(String bucket, String key, Sha256 sha256, String reason, Instant at) {
        Jdbc.autoCommit(dataSource, "recording an orphan candidate", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into archive_orphan"
                    + " (bucket, object_key, sha256, reason, recorded_at) values (?, ?, ?, ?, ?) on conflict do nothing")) {
                insert.setString(1, bucket);
                insert.setString(2, key);
                insert.setString(3, sha256.hex());
                insert.setString(4, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                Jdbc.set(insert, 5, at);
                return insert.executeUpdate();
            }
        });
    }

    /** The open records of a bucket: key → reason. */
    public Map<String, String> open(String bucket) {
        return Jdbc.autoCommit(dataSource, "reading orphan candidates", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select object_key, reason from archive_orphan where bucket = ? and resolved_at is null")) {
                query.setString(1, bucket);
                Map<String, String> open = new HashMap<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        open.put(row.getString(1), row.getString(2));
                    }
                }
                return open;
            }
        });
    }

    /** Closes the open record of an object, if any, as DELETED or GONE. */
    public void resolve(String bucket, String key, String resolution, Instant at) {
        Jdbc.autoCommit(dataSource, "closing an orphan record", connection -> {
            resolve(connection, bucket, key, resolution, at);
            return null;
        });
    }

    static void resolve(Connection connection, String bucket, String key, String resolution, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update archive_orphan set resolved_at = ?, resolution = ?"
                + " where bucket = ? and object_key = ? and resolved_at is null")) {
            Jdbc.set(update, 1, at);
            update.setString(2, resolution);
            update.setString(3, bucket);
            update.setString(4, key);
            update.executeUpdate();
        }
    }
}
