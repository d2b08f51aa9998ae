package tongban.archive.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import tongban.archive.AuditReport;
import tongban.archive.AuditReport.Finding;
import tongban.archive.AuditReport.Kind;
import tongban.archive.AuditReport.State;

/** Fixity audit runs and their findings ({@code archive_audit_run}, {@code archive_audit_finding}). */
public final class AuditLog {

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void begin(UUID runId, Instant startedAt) {
        Jdbc.autoCommit(dataSource, "recording an audit run", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into archive_audit_run (id, started_at, state) values (?, ?, 'RUNNING')")) {
                insert.setObject(1, runId);
                Jdbc.set(insert, 2, startedAt);
                return insert.executeUpdate();
            }
        });
    }

    /** Records progress and any new findings, numbered from {@code firstSeq}, in one transaction. */
    public void progress(UUID runId, long objectsChecked, long bytesRead, List<Finding> newFindings, int firstSeq) {
        Jdbc.transaction(dataSource, "recording audit progress", connection -> {
            update(connection, runId, objectsChecked, bytesRead);
            try (PreparedStatement insert = connection.prepareStatement("insert into archive_audit_finding"
                    + " (run_id, seq, kind, bucket, object_key, record_id, detail) values (?, ?, ?, ?, ?, ?, ?)")) {
                int seq = firstSeq;
                for (Finding finding : newFindings) {
                    insert.setObject(1, runId);
                    insert.setInt(2, seq++);
                    insert.setString(3, finding.kind().name());
                    insert.setString(4, finding.bucket());
                    insert.setString(5, finding.key());
                    insert.setObject(6, finding.recordId());
                    insert.setString(7, finding.detail().length() > 2000 ? finding.detail().substring(0, 2000) : finding.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public void finish(UUID runId, Instant finishedAt, State state, Optional<String> failure) {
        Jdbc.autoCommit(dataSource, "closing an audit run", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update archive_audit_run set finished_at = ?, state = ?, failure = ? where id = ?")) {
                Jdbc.set(update, 1, finishedAt);
                update.setString(2, state.name());
                update.setString(3, failure.map(f -> f.length() > 1000 ? f.substring(0, 1000) : f).orElse(null));
                update.setObject(4, runId);
                return update.executeUpdate();
            }
        });
    }

    public Optional<AuditReport> find(UUID runId) {
        return report("where id = ?", runId);
    }

    public Optional<AuditReport> latest() {
        return report("order by started_at desc limit 1", null);
    }

    private Optional<AuditReport> report(String clause, UUID runId) {
        return Jdbc.autoCommit(dataSource, "reading an audit run", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select id, state, started_at, finished_at,"
                    + " objects_checked, bytes_read, failure from archive_audit_run " + clause)) {
                if (runId != null) {
                    query.setObject(1, runId);
                }
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    UUID id = (UUID) row.getObject("id");
                    return Optional.of(new AuditReport(id, State.valueOf(row.getString("state")),
                            Jdbc.instant(row, "started_at"), Optional.ofNullable(Jdbc.instant(row, "finished_at")),
                            row.getLong("objects_checked"), row.getLong("bytes_read"), findings(connection, id),
                            Optional.ofNullable(row.getString("failure"))));
                }
            }
        });
    }

    private static void update(Connection connection, UUID runId, long objectsChecked, long bytesRead) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update archive_audit_run set objects_checked = ?, bytes_read = ? where id = ?")) {
            update.setLong(1, objectsChecked);
            update.setLong(2, bytesRead);
            update.setObject(3, runId);
            update.executeUpdate();
        }
    }

    private static List<Finding> findings(Connection connection, UUID runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select kind, bucket, object_key, record_id, detail"
                + " from archive_audit_finding where run_id = ? order by seq")) {
            query.setObject(1, runId);
            List<Finding> findings = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    findings.add(new Finding(Kind.valueOf(row.getString(1)), row.getString(2), row.getString(3),
                            (UUID) row.getObject(4), row.getString(5)));
                }
            }
            return findings;
        }
    }
}
