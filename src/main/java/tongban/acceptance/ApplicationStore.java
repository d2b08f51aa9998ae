package tongban.acceptance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationView.MaterialView;
import tools.jackson.databind.json.JsonMapper;

/** Applications in PostgreSQL. */
@Component
class ApplicationStore {

    /** An application row; {@code decision} as stored JSON. */
    record Row(UUID id, String username, String subjectId, String item, String idempotencyKey, String requestSha256,
               ApplicationStatus status, String request, String decision, UUID certificateId, String certificateNumber,
               UUID noticeId, String noticeKind, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ApplicationStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Row> find(String username, String idempotencyKey) {
        return jdbc.sql("select * from application where username = ? and idempotency_key = ?")
                .params(username, idempotencyKey).query(ApplicationStore::row).optional();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from application where id = ?").param(id).query(ApplicationStore::row).optional();
    }

    List<Row> ofSubject(String subjectId) {
        return jdbc.sql("select * from application where subject_id = ? order by created_at desc").param(subjectId)
                .query(ApplicationStore::row).list();
    }

    /** The issuing application of a certificate number, for data the certificate carries on (e.g. the premises). */
    Optional<Row> issuerOf(String certificateNumber) {
        return jdbc.sql("select * from application where certificate_number = ? and status = 'ISSUED'")
                .param(certificateNumber).query(ApplicationStore::row).optional();
    }

    /** Inserts a new application, or returns the one already under this key (a concurrent duplicate). */
    Row insertOrGet(String username, String subjectId, String item, String key, String sha256, String request) {
        Instant now = clock.instant();
        try {
            jdbc.sql("insert into application (id, username, subject_id, item, idempotency_key, request_sha256, status, "
                            + "request, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'PROCESSING', cast(? as jsonb), ?, ?)")
                    .params(UUID.randomUUID(), username, subjectId, item, key, sha256, request,
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another request with the same key got there first; its row is the application
        }
        return find(username, key).orElseThrow();
    }

    /** Holds the application's lock until the surrounding transaction ends; a duplicate waits here. */
    void lock(UUID id) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                .query(rs -> { });
    }

    /** Reserves the certificate's id and number once: a retry after a crash seals the same ones. */
    Row reserveCertificate(UUID id, String number) {
        jdbc.sql("update application set certificate_id = coalesce(certificate_id, ?), "
                        + "certificate_number = coalesce(certificate_number, ?), updated_at = ? where id = ?")
                .params(UUID.randomUUID(), number, Timestamp.from(clock.instant()), id).update();
        return find(id).orElseThrow();
    }

    /** Reserves the notice's id once, like a certificate's. */
    Row reserveNotice(UUID id, String kind) {
        jdbc.sql("update application set notice_id = coalesce(notice_id, ?), notice_kind = coalesce(notice_kind, ?), "
                        + "updated_at = ? where id = ?")
                .params(UUID.randomUUID(), kind, Timestamp.from(clock.instant()), id).update();
        return find(id).orElseThrow();
    }

    long nextNumber(String sequence) {
        return jdbc.sql("select nextval('" + switch (sequence) {
            case "business-licence" -> "business_licence_number_seq";
            case "food-business-licence" -> "food_licence_number_seq";
            default -> "residence_permit_number_seq";
        } + "')").query(Long.class).single();
    }

    void finish(UUID id, ApplicationStatus status, Object decision, List<MaterialView> materials, String failure) {
        jdbc.sql("update application set status = ?, decision = cast(? as jsonb), failure = ?, updated_at = ? where id = ?")
                .params(status.name(), decision == null ? null : json.writeValueAsString(decision), failure,
                        Timestamp.from(clock.instant()), id)
                .update();
        jdbc.sql("delete from application_material where application_id = ?").param(id).update();
        int seq = 0;
        for (MaterialView m : materials) {
            jdbc.sql("insert into application_material (application_id, seq, code, file_name, declared_type, "
                            + "detected_type, size, sha256, accepted, rejection_code) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq++, m.code(), m.fileName(), m.declaredType(), m.detectedType(), m.size(), m.sha256(),
                            m.accepted(), m.rejectionCode())
                    .update();
        }
    }

    List<MaterialView> materials(UUID id) {
        return jdbc.sql("select code, file_name, declared_type, detected_type, size, sha256, accepted, rejection_code "
                        + "from application_material where application_id = ? order by seq").param(id)
                .query((rs, n) -> new MaterialView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("subject_id").strip(),
                rs.getString("item"), rs.getString("idempotency_key"), rs.getString("request_sha256"),
                ApplicationStatus.valueOf(rs.getString("status")), rs.getString("request"), rs.getString("decision"),
                rs.getObject("certificate_id", UUID.class), rs.getString("certificate_number"),
                rs.getObject("notice_id", UUID.class), rs.getString("notice_kind"), rs.getTimestamp("created_at").toInstant());
    }
}
