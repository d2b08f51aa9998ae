package tongban.archive.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import tongban.archive.ObjectLocation;
import tongban.archive.Sha256;

/** Every registered object, certificates (every revision) and packages alike: what the audit and reconciliation go through. */
public final class ObjectRecords {

    /** A registered object: whose record, where, and the SHA-256 it must have. */
    public record ObjectRecord(UUID recordId, Kind kind, String bucket, String key, Optional<String> versionId,
                               Sha256 sha256, long size) {

        public ObjectLocation location() {
            return new ObjectLocation(bucket, key, versionId);
        }
    }

    public enum Kind { CERTIFICATE, PACKAGE }

    private static final String ALL = "select id, 'CERTIFICATE' as kind, bucket, object_key, version_id, sha256, size_bytes"
            + " from archive_certificate union all"
            + " select certificate_id, 'CERTIFICATE' as kind, bucket, object_key, version_id, sha256, size_bytes"
            + " from archive_certificate_revision union all"
            + " select id, 'PACKAGE' as kind, bucket, object_key, version_id, sha256, size_bytes from archive_package";
    private static final int PAGE = 500;

    private final DataSource dataSource;

    public ObjectRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count() {
        return Jdbc.autoCommit(dataSource, "counting archived objects", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select count(*) from (" + ALL + ") o");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /**
     * Gives every record, in (bucket, key) order, to {@code action} until it returns false. Read a page at a time:
     * no transaction stays open while {@code action} works (an audit reads for hours), and records registered
     * meanwhile further on are included.
     */
    public void scan(Predicate<ObjectRecord> action) {
        String bucket = "";
        String key = "";
        List<ObjectRecord> page;
        do {
            page = page(bucket, key);
            for (ObjectRecord record : page) {
                if (!action.test(record)) {
                    return;
                }
            }
            if (!page.isEmpty()) {
                bucket = page.get(page.size() - 1).bucket();
                key = page.get(page.size() - 1).key();
            }
        } while (page.size() == PAGE);
    }

    /** The records of one bucket, by key. */
    public Map<String, ObjectRecord> inBucket(String bucket) {
        return Jdbc.autoCommit(dataSource, "reading archived objects", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select * from (" + ALL + ") o where bucket = ?")) {
                query.setString(1, bucket);
                Map<String, ObjectRecord> records = new HashMap<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ObjectRecord record = map(row);
                        records.put(record.key(), record);
                    }
                }
                return records;
            }
        });
    }

    private List<ObjectRecord> page(String afterBucket, String afterKey) {
        return Jdbc.autoCommit(dataSource, "reading archived objects", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select * from (" + ALL + ") o"
                    + " where (bucket, object_key) > (?, ?) order by bucket, object_key limit " + PAGE)) {
                query.setString(1, afterBucket);
                query.setString(2, afterKey);
                List<ObjectRecord> records = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        records.add(map(row));
                    }
                }
                return records;
            }
        });
    }

    private static ObjectRecord map(ResultSet row) throws SQLException {
        return new ObjectRecord((UUID) row.getObject("id"), Kind.valueOf(row.getString("kind")), row.getString("bucket"),
                row.getString("object_key"), Optional.ofNullable(row.getString("version_id")), new Sha256(row.getString("sha256")), row.getLong("size_bytes"));
    }
}
