package tongban.archive.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import tongban.archive.ArchivedPackage;
import tongban.archive.Sha256;

/** The e-archive package registry table, {@code archive_package}. */
public final class PackageRegistry {

    private static final String COLUMNS = "id, application_id, item, department, certificate_id, pack_version, submitted_at,"
            + " decided_at, archived_at, payload_files, payload_bytes, manifest_sha256, sha256, size_bytes, bucket,"
            + " object_key, version_id, retention_class, retain_until, store_locked";

    private final DataSource dataSource;

    public PackageRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers the package and closes any orphan record of its object, in one transaction. False, with nothing
     * changed, if the application has a package already.
     */
    public boolean register(ArchivedPackage p) {
        return Jdbc.transaction(dataSource, "registering an archive package", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into archive_package (" + COLUMNS + ")"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict on constraint archive_package_application_unique do nothing")) {
                insert.setObject(1, p.id());
                insert.setString(2, p.applicationId());
                insert.setString(3, p.item());
                insert.setString(4, p.department());
                insert.setObject(5, p.certificateId().orElse(null));
                insert.setString(6, p.packVersion());
                Jdbc.set(insert, 7, p.submittedAt());
                Jdbc.set(insert, 8, p.decidedAt());
                Jdbc.set(insert, 9, p.archivedAt());
                insert.setInt(10, p.payloadFiles());
                insert.setLong(11, p.payloadBytes());
                insert.setString(12, p.manifestSha256().hex());
                insert.setString(13, p.sha256().hex());
                insert.setLong(14, p.size());
                insert.setString(15, p.location().bucket());
                insert.setString(16, p.location().key());
                insert.setString(17, p.location().versionId().orElse(null));
                insert.setString(18, p.retention().retentionClass());
                Jdbc.set(insert, 19, p.retention().retainUntil());
                insert.setBoolean(20, p.retention().enforcedByStore());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            OrphanLog.resolve(connection, p.location().bucket(), p.location().key(), "REGISTERED", p.archivedAt());
            return true;
        });
    }

    public Optional<ArchivedPackage> find(String applicationId) {
        return Jdbc.autoCommit(dataSource, "reading an archive package", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select " + COLUMNS + " from archive_package where application_id = ?")) {
                query.setString(1, applicationId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(map(row)) : Optional.empty();
                }
            }
        });
    }

    private static ArchivedPackage map(ResultSet row) throws SQLException {
        return new ArchivedPackage((UUID) row.getObject("id"), row.getString("application_id"), row.getString("item"),
                row.getString("department"), Optional.ofNullable((UUID) row.getObject("certificate_id")),
                row.getString("pack_version"), Jdbc.instant(row, "submitted_at"), Jdbc.instant(row, "decided_at"),
                Jdbc.instant(row, "archived_at"), row.getInt("payload_files"), row.getLong("payload_bytes"),
                new Sha256(row.getString("manifest_sha256")), new Sha256(row.getString("sha256")),
                row.getLong("size_bytes"), Jdbc.location(row), Jdbc.retention(row));
    }
}
