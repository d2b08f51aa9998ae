package tongban.archive.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import tongban.archive.CertificateRevision;
import tongban.archive.CertificateStatus;
import tongban.archive.DocumentKind;
import tongban.archive.ECertificate;
import tongban.archive.ObjectLocation;
import tongban.archive.Retention;
import tongban.archive.Revocation;
import tongban.archive.Sha256;

/** The e-certificate registry table, {@code archive_certificate}. */
public final class CertificateRegistry {

    private static final String COLUMNS = "id, type, number, holder, issuer, issued_at, valid_until, status, status_reason,"
            + " status_changed_at, sha256, size_bytes, bucket, object_key, version_id, retention_class, retain_until,"
            + " store_locked, registered_at, kind";

    private final DataSource dataSource;
    private final Clock clock;

    public CertificateRegistry(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Registers the certificate and closes any orphan record of its object, in one transaction. False, with nothing
     * changed, if its type and number are registered already.
     */
    public boolean register(ECertificate c) {
        return Jdbc.transaction(dataSource, "registering a certificate", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into archive_certificate (" + COLUMNS + ")"
                    + " values (?, ?, ?, ?, ?, ?, ?, 'VALID', null, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict on constraint archive_certificate_number_unique do nothing")) {
                insert.setObject(1, c.id());
                insert.setString(2, c.type());
                insert.setString(3, c.number());
                insert.setString(4, c.holder());
                insert.setString(5, c.issuer());
                Jdbc.set(insert, 6, c.issuedAt());
                Jdbc.set(insert, 7, c.validUntil().orElse(null));
                insert.setString(8, c.sha256().hex());
                insert.setLong(9, c.size());
                insert.setString(10, c.location().bucket());
                insert.setString(11, c.location().key());
                insert.setString(12, c.location().versionId().orElse(null));
                insert.setString(13, c.retention().retentionClass());
                Jdbc.set(insert, 14, c.retention().retainUntil());
                insert.setBoolean(15, c.retention().enforcedByStore());
                Jdbc.set(insert, 16, c.registeredAt());
                insert.setString(17, c.kind().name());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            OrphanLog.resolve(connection, c.location().bucket(), c.location().key(), "REGISTERED", c.registeredAt());
            return true;
        });
    }

    public Optional<ECertificate> find(UUID id) {
        return Jdbc.autoCommit(dataSource, "reading a certificate", connection ->
                first(select(connection, "id = ?", id)));
    }

    public Optional<ECertificate> findByNumber(String type, String number) {
        return Jdbc.autoCommit(dataSource, "reading a certificate", connection ->
                first(select(connection, "type = ? and number = ?", type, number)));
    }

    public List<ECertificate> byHolder(String holder) {
        return Jdbc.autoCommit(dataSource, "listing a holder's certificates", connection ->
                select(connection, "holder = ? order by issued_at desc, number", holder));
    }

    /** Revokes a certificate not yet revoked; returns it as it now is and whether this call revoked it, or empty. */
    public Optional<Revocation> revoke(UUID id, String reason, Instant at) {
        return Jdbc.transaction(dataSource, "revoking a certificate", connection -> {
            boolean revokedNow;
            try (PreparedStatement update = connection.prepareStatement("update archive_certificate"
                    + " set status = 'REVOKED', status_reason = ?, status_changed_at = ? where id = ? and status = 'VALID'")) {
                update.setString(1, reason);
                Jdbc.set(update, 2, at);
                update.setObject(3, id);
                revokedNow = update.executeUpdate() == 1;
            }
            return first(select(connection, "id = ?", id)).map(certificate -> new Revocation(certificate, revokedNow));
        });
    }

    /**
     * Registers a renewed revision and the certificate's next renewal, and closes any orphan record of its object,
     * in one transaction. False, with nothing changed, if that revision number is registered already.
     */
    public boolean registerRevision(CertificateRevision r, Retention retention, Instant renewalDue) {
        return Jdbc.transaction(dataSource, "registering a certificate revision", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into archive_certificate_revision"
                    + " (certificate_id, revision, previous_sha256, sha256, size_bytes, bucket, object_key, version_id,"
                    + " retention_class, retain_until, store_locked, registered_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                insert.setObject(1, r.certificateId());
                insert.setInt(2, r.revision());
                insert.setString(3, r.previous().orElseThrow().hex());
                insert.setString(4, r.sha256().hex());
                insert.setLong(5, r.size());
                insert.setString(6, r.location().bucket());
                insert.setString(7, r.location().key());
                insert.setString(8, r.location().versionId().orElse(null));
                insert.setString(9, retention.retentionClass());
                Jdbc.set(insert, 10, retention.retainUntil());
                insert.setBoolean(11, retention.enforcedByStore());
                Jdbc.set(insert, 12, r.registeredAt());
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            setRenewalDue(connection, r.certificateId(), renewalDue);
            OrphanLog.resolve(connection, r.location().bucket(), r.location().key(), "REGISTERED", r.registeredAt());
            return true;
        });
    }

    /** The renewed revisions (2 and later) of a certificate, oldest first. */
    public List<CertificateRevision> revisions(UUID certificateId) {
        return Jdbc.autoCommit(dataSource, "reading certificate revisions", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select revision, previous_sha256, sha256,"
                    + " size_bytes, bucket, object_key, version_id, registered_at from archive_certificate_revision"
                    + " where certificate_id = ? order by revision")) {
                query.setObject(1, certificateId);
                List<CertificateRevision> found = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        found.add(new CertificateRevision(certificateId, row.getInt("revision"),
                                Optional.of(new Sha256(row.getString("previous_sha256"))),
                                new Sha256(row.getString("sha256")), row.getLong("size_bytes"), Jdbc.location(row),
                                Jdbc.instant(row, "registered_at")));
                    }
                }
                return found;
            }
        });
    }

    public void scheduleRenewal(UUID id, Instant due) {
        Jdbc.autoCommit(dataSource, "scheduling a renewal", connection -> {
            setRenewalDue(connection, id, due);
            return null;
        });
    }

    /** Certificates whose renewal is due by {@code at} or not yet scheduled: unscheduled first, then by due date. */
    public List<UUID> renewalsDue(Instant at, int limit) {
        return Jdbc.autoCommit(dataSource, "finding renewals due", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select id from archive_certificate"
                    + " where renewal_due is null or renewal_due <= ? order by renewal_due nulls first, id limit ?")) {
                Jdbc.set(query, 1, at);
                query.setInt(2, limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ids.add((UUID) row.getObject(1));
                    }
                }
                return ids;
            }
        });
    }

    private static void setRenewalDue(Connection connection, UUID id, Instant due) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update archive_certificate set renewal_due = ? where id = ?")) {
            Jdbc.set(update, 1, due);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private List<ECertificate> select(Connection connection, String where, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select " + COLUMNS + " from archive_certificate where " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<ECertificate> found = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    found.add(map(row));
                }
            }
            return found;
        }
    }

    private ECertificate map(ResultSet row) throws SQLException {
        Optional<Instant> validUntil = Optional.ofNullable(Jdbc.instant(row, "valid_until"));
        CertificateStatus status = CertificateStatus.valueOf(row.getString("status"));
        Optional<Instant> changedAt = Optional.ofNullable(Jdbc.instant(row, "status_changed_at"));
        if (status == CertificateStatus.VALID && validUntil.isPresent() && !clock.instant().isBefore(validUntil.get())) {
            status = CertificateStatus.EXPIRED;
            changedAt = validUntil;
        }
        return new ECertificate((UUID) row.getObject("id"), row.getString("type"), row.getString("number"),
                row.getString("holder"), row.getString("issuer"), Jdbc.instant(row, "issued_at"), validUntil, status,
                Optional.ofNullable(row.getString("status_reason")), changedAt, new Sha256(row.getString("sha256")),
                row.getLong("size_bytes"), Jdbc.location(row), Jdbc.retention(row), Jdbc.instant(row, "registered_at"),
                DocumentKind.valueOf(row.getString("kind")));
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.stream().findFirst();
    }
}
