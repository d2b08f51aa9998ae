package tongban.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tongban.platform.Json;

/**
 * The portal's application drafts (草稿): answers as typed and the last upload per material with its verdict, kept
 * until the draft is submitted or {@code tongban.portal.draft-lifetime} (24 h) passes. Every statement is one short
 * auto-committed one: no connection is held while a file is inspected or an application is submitted. A draft is its
 * login's only: anyone else's is "not found".
 */
@Component
class Drafts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;

    Drafts(JdbcClient jdbc, Clock clock, @Value("${tongban.portal.draft-lifetime:24h}") Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    record Draft(UUID id, String username, String item, String idempotencyKey, Answers answers, UUID applicationId) {

        public boolean submitted() {
            return applicationId != null;
        }
    }

    /** An uploaded file and what the inspector found; {@code bytes} only for an accepted one. */
    record DraftFile(String material, String fileName, String declaredType, String detectedType, long size,
                     boolean accepted, String rejectionCode, byte[] bytes) {
    }

    /** The login's open draft of this item, or a new one (expired drafts are removed on the way). */
    Draft open(String username, String item) {
        Instant now = clock.instant();
        jdbc.sql("delete from portal_draft where expires_at < ?").param(Timestamp.from(now)).update();
        return jdbc.sql("select id from portal_draft where username = ? and item = ? and application_id is null "
                        + "order by created_at desc limit 1").params(username, item).query(UUID.class).optional()
                .flatMap(id -> find(id, username))
                .orElseGet(() -> create(username, item, Answers.EMPTY));
    }

    Draft create(String username, String item, Answers answers) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("insert into portal_draft (id, username, item, idempotency_key, answers, created_at, expires_at) "
                        + "values (?, ?, ?, ?, cast(? as jsonb), ?, ?)")
                .params(id, username, item, "portal-" + UUID.randomUUID(), Json.write(answers), Timestamp.from(now),
                        Timestamp.from(now.plus(lifetime))).update();
        return find(id, username).orElseThrow();
    }

    Optional<Draft> find(UUID id, String username) {
        return jdbc.sql("select id, username, item, idempotency_key, answers, application_id from portal_draft "
                        + "where id = ? and username = ? and expires_at >= ?")
                .params(id, username, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Draft(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), Json.MAPPER.readValue(rs.getString(5), Answers.class),
                        rs.getObject(6, UUID.class)))
                .optional();
    }

    /** The draft submitted as this application, if the portal submitted it. */
    Optional<Draft> ofApplication(UUID applicationId, String username) {
        return jdbc.sql("select id from portal_draft where application_id = ? and username = ?")
                .params(applicationId, username).query(UUID.class).optional().flatMap(id -> find(id, username));
    }

    /** Keeps the answers; the draft's revision after it (0 once submitted: nothing was kept). */
    long saveAnswers(UUID id, Answers answers) {
        return jdbc.sql("update portal_draft set answers = cast(? as jsonb), revision = revision + 1 "
                        + "where id = ? and application_id is null returning revision")
                .params(Json.write(answers), id).query(Long.class).optional().orElse(0L);
    }

    /** Keeps the file with its verdict; the draft's revision after it. */
    long saveFile(UUID id, DraftFile file) {
        jdbc.sql("insert into portal_draft_file (draft_id, material, file_name, declared_type, detected_type, size, "
                        + "accepted, rejection_code, bytes) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (draft_id, material) do update set file_name = excluded.file_name, "
                        + "declared_type = excluded.declared_type, detected_type = excluded.detected_type, "
                        + "size = excluded.size, accepted = excluded.accepted, rejection_code = excluded.rejection_code, "
                        + "bytes = excluded.bytes")
                .params(id, file.material(), file.fileName(), file.declaredType(), file.detectedType(), file.size(),
                        file.accepted(), file.rejectionCode(), file.accepted() ? file.bytes() : null).update();
        return jdbc.sql("update portal_draft set revision = revision + 1 where id = ? returning revision").param(id)
                .query(Long.class).single();
    }

    /** The files of a draft: with their bytes for submitting, without for showing. */
    List<DraftFile> files(UUID id, boolean withBytes) {
        return jdbc.sql("select material, file_name, declared_type, detected_type, size, accepted, rejection_code, "
                        + (withBytes ? "bytes" : "null") + " from portal_draft_file where draft_id = ? order by material")
                .param(id)
                .query((rs, n) -> new DraftFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getBoolean(6), rs.getString(7), rs.getBytes(8)))
                .list();
    }

    void markSubmitted(UUID id, UUID applicationId) {
        jdbc.sql("update portal_draft set application_id = ? where id = ?").params(applicationId, id).update();
    }

    /** A new draft with the answers and accepted files of a submitted one: to complete what a notice asked for. */
    Draft copy(Draft from) {
        Draft copy = create(from.username(), from.item(), from.answers());
        jdbc.sql("insert into portal_draft_file (draft_id, material, file_name, declared_type, detected_type, size, "
                        + "accepted, rejection_code, bytes) select ?, material, file_name, declared_type, detected_type, "
                        + "size, accepted, rejection_code, bytes from portal_draft_file where draft_id = ? and accepted")
                .params(copy.id(), from.id()).update();
        return copy;
    }
}
