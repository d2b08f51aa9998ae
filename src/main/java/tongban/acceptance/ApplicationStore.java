package tongban.acceptance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.acceptance.ApplicationView.MaterialView;

/**
 * Applications in PostgreSQL. Every method is one short statement or transaction of its own: nothing here holds a
 * connection while a caller waits, renders, seals or talks to the object store. Leases are timed on the database's
 * clock, the one clock all nodes share.
 */
@Component
class ApplicationStore {

    /** An application row; {@code request}, {@code decision} and the {@code facts} it was decided on as stored JSON. */
    record Row(UUID id, String username, String subjectId, String item, String idempotencyKey, String requestSha256,
               ApplicationStatus status, String request, String decision, UUID certificateId, String certificateNumber,
               UUID noticeId, String noticeKind, Instant createdAt, int attempts, String facts, UUID refusalId) {
    }

    /** An accepted file kept until its application ends, for whoever finishes it. */
    record Upload(String code, String fileName, String mediaType, byte[] content) {
    }

    /**
     * A decided application with its materials and accepted files, as first stored; how it came in ({@code channel},
     * the {@code officer} of a window submission) and the {@code district} whose window serves it (or null).
     */
    record NewApplication(String username, String subjectId, String item, String idempotencyKey, String requestSha256,
                          String request, String facts, String decision, List<MaterialView> materials,
                          List<Upload> uploads, Channel channel, String officer, String district) {
    }

    /** A row and whether the caller holds its lease. */
    record Claimed(Row row, boolean mine) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    ApplicationStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
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

    /**
     * Stores a decided application with its materials and accepted files in one transaction, leased to
     * {@code owner}; or, if its key is taken (a concurrent duplicate got there first), returns that one untouched.
     */
    Claimed insertOrGet(NewApplication a, String owner, Duration lease) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("insert into application (id, username, subject_id, item, idempotency_key, request_sha256, status, "
                                + "request, facts, decision, created_at, updated_at, lease_owner, lease_until, attempts, channel, officer, "
                                + "district) values "
                                + "(?, ?, ?, ?, ?, ?, 'PROCESSING', cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, "
                                + "clock_timestamp() + ? * interval '1 millisecond', 1, ?, ?, ?)")
                        .params(id, a.username(), a.subjectId(), a.item(), a.idempotencyKey(), a.requestSha256(),
                                a.request(), a.facts(), a.decision(), Timestamp.from(now), Timestamp.from(now), owner, lease.toMillis(),
                                a.channel().name(), a.officer(), a.district())
                        .update();
                int seq = 0;
                for (MaterialView m : a.materials()) {
                    jdbc.sql("insert into application_material (application_id, seq, code, file_name, declared_type, "
                                    + "detected_type, size, sha256, accepted, rejection_code) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(id, seq++, m.code(), m.fileName(), m.declaredType(), m.detectedType(), m.size(),
                                    m.sha256(), m.accepted(), m.rejectionCode())
                            .update();
                }
                seq = 0;
                for (Upload u : a.uploads()) {
                    jdbc.sql("insert into application_upload (application_id, seq, code, file_name, media_type, content) "
                                    + "values (?, ?, ?, ?, ?, ?)")
                            .params(id, seq++, u.code(), u.fileName(), u.mediaType(), u.content()).update();
                }
            });
            return new Claimed(find(id).orElseThrow(), true);
        } catch (DuplicateKeyException raced) {
            // another request with the same key got there first; its row is the application
            return new Claimed(find(a.username(), a.idempotencyKey()).orElseThrow(), false);
        }
    }

    /**
     * Takes the lease of the application if it is in one of {@code from} and no lease on it is running, in one
     * committed statement (a FAILED one becomes PROCESSING again); empty if someone else holds it.
     */
    Optional<Row> claim(UUID id, String owner, Duration lease, Set<ApplicationStatus> from) {
        int claimed = jdbc.sql("update application set status = case when status = 'FAILED' then 'PROCESSING' else status end, "
                        + "lease_owner = ?, lease_until = clock_timestamp() + ? * interval '1 millisecond', "
                        + "attempts = attempts + 1, failure = null, updated_at = ? "
                        + "where id = ? and status = any(cast(? as text[])) and (lease_until is null or lease_until < clock_timestamp())")
                .params(owner, lease.toMillis(), Timestamp.from(clock.instant()), id, names(from)).update();
        return claimed == 0 ? Optional.empty() : find(id);
    }

    /**
     * Claims one PROCESSING application whose lease ran out (its node died, or gave up for a while), skipping rows
     * another node is claiming at this moment: two nodes never take the same one.
     */
    Optional<Row> claimAbandoned(String owner, Duration lease) {
        return jdbc.sql("update application set lease_owner = ?, lease_until = clock_timestamp() + ? * interval '1 millisecond', "
                        + "attempts = attempts + 1, updated_at = ? where id = (select id from application "
                        + "where status = 'PROCESSING' and (lease_until is null or lease_until < clock_timestamp()) "
                        + "order by updated_at limit 1 for update skip locked) returning *")
                .params(owner, lease.toMillis(), Timestamp.from(clock.instant())).query(ApplicationStore::row).optional();
    }

    /** Extends the leases {@code owner} holds on these applications: its heartbeat while it works on them. */
    void renew(String owner, Collection<UUID> ids, Duration lease) {
        if (!ids.isEmpty()) {
            jdbc.sql("update application set lease_until = clock_timestamp() + ? * interval '1 millisecond' "
                            + "where lease_owner = ? and id = any(cast(? as uuid[]))")
                    .params(lease.toMillis(), owner, texts(ids)).update();
        }
    }

    /** Gives the lease up; nobody claims the application again before {@code after} has passed. */
    void release(UUID id, String owner, Duration after) {
        jdbc.sql("update application set lease_owner = null, lease_until = clock_timestamp() + ? * interval '1 millisecond' "
                        + "where id = ? and lease_owner = ?")
                .params(after.toMillis(), id, owner).update();
    }

    /**
     * Fails a PROCESSING application cleanly (a retry with its key claims it again), gives its lease up and runs
     * {@code then} (its audit entry), in one transaction; false, with nothing written, if it was not PROCESSING.
     */
    boolean fail(UUID id, String failure, Runnable then) {
        Boolean done = transaction.execute(tx -> {
            int updated = jdbc.sql("update application set status = 'FAILED', failure = ?, lease_owner = null, "
                            + "lease_until = null, updated_at = ? where id = ? and status = 'PROCESSING'")
                    .params(failure, Timestamp.from(clock.instant()), id).update();
            if (updated > 0) {
                then.run();
            }
            return updated > 0;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * Records the end of an application, drops its kept files and runs {@code then} (its audit entries) in one
     * transaction; false, with nothing written, if it was no longer in one of {@code from} (someone finished it).
     */
    boolean finish(UUID id, Set<ApplicationStatus> from, ApplicationStatus status, Runnable then) {
        return end(id, from, status, () -> { }, false, then);
    }

    /**
     * Ends the application, after {@code first} and, when {@code unleased}, only while nobody holds a lease on it;
     * drops its kept files and runs {@code then}, all in one transaction.
     */
    private boolean end(UUID id, Set<ApplicationStatus> from, ApplicationStatus status, Runnable first,
                        boolean unleased, Runnable then) {
        Boolean done = transaction.execute(tx -> {
            first.run();
            int updated = jdbc.sql("update application set status = ?, failure = null, lease_owner = null, "
                            + "lease_until = null, updated_at = ? where id = ? and status = any(cast(? as text[]))"
                            + (unleased ? " and (lease_until is null or lease_until < clock_timestamp())" : "")
                            // a refusal begun (its decision reserved, perhaps sealed) is finished by refusing again
                            + (status == ApplicationStatus.WITHDRAWN ? " and refusal_id is null" : ""))
                    .params(status.name(), Timestamp.from(clock.instant()), id, names(from)).update();
            if (updated == 0) {
                return false;
            }
            jdbc.sql("delete from application_upload where application_id = ?").param(id).update();
            then.run();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }


    /**
     * Sets a PROCESSING application whose lease this node holds to wait for its fee, keeping its files for the
     * issuance that follows the payment, and runs {@code then} (its audit entry), in one transaction; false, with
     * nothing written, if {@code stillDue} (asked first, in the transaction) says the fee is paid already.
     */
    boolean awaitPayment(UUID id, java.util.function.BooleanSupplier stillDue, Runnable then) {
        Boolean done = transaction.execute(tx -> {
            if (!stillDue.getAsBoolean()) {
                return false;
            }
            int updated = jdbc.sql("update application set status = 'AWAITING_PAYMENT', failure = null, lease_owner = null, "
                            + "lease_until = null, updated_at = ? where id = ? and status = 'PROCESSING'")
                    .params(Timestamp.from(clock.instant()), id).update();
            if (updated > 0) {
                then.run();
            }
            return updated > 0;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * In the caller's transaction: an application waiting for its fee becomes PROCESSING with no lease and fresh
     * attempts, for the resumer to issue; false if it was not waiting.
     */
    boolean resumePaid(UUID id) {
        return jdbc.sql("update application set status = 'PROCESSING', lease_owner = null, lease_until = null, "
                        + "attempts = 0, updated_at = ? where id = ? and status = 'AWAITING_PAYMENT'")
                .params(Timestamp.from(clock.instant()), id).update() > 0;
    }

    /** In the caller's transaction: compare-and-set of the status, for a row nobody holds a lease on. */
    boolean move(UUID id, ApplicationStatus from, ApplicationStatus to) {
        return jdbc.sql("update application set status = ?, updated_at = ? where id = ? and status = ? "
                        + "and (lease_until is null or lease_until < clock_timestamp())")
                .params(to.name(), Timestamp.from(clock.instant()), id, from.name()).update() > 0;
    }

    /**
     * Withdraws an application in one of {@code from} that nobody is working on (no running lease), drops its kept
     * files and runs {@code then} (its fee and audit entry) in one transaction, after {@code first} (which locks the
     * fee's order before the application, in the order paying takes them); false, with nothing written, otherwise.
     */
    boolean withdraw(UUID id, Set<ApplicationStatus> from, Runnable first, Runnable then) {
        return end(id, from, ApplicationStatus.WITHDRAWN, first, true, then);
    }


    /**
     * Ends an ACCEPTED application whose lease the caller holds as REFUSED, after {@code first} (which locks the fee's
     * order before the application), running {@code then} (its fee and audit entries), in one transaction.
     */
    boolean refuse(UUID id, Runnable first, Runnable then) {
        return end(id, Set.of(ApplicationStatus.ACCEPTED), ApplicationStatus.REFUSED, first, false, then);
    }

    /** The refusal decision's reserved document id and the officer's reason, both kept from the first request. */
    record Refusal(UUID id, String reason) {
    }

    /** Reserves the refusal decision's id and keeps its reason once, committed at once, like a notice's. */
    Refusal reserveRefusal(UUID id, String reason) {
        return jdbc.sql("update application set refusal_id = coalesce(refusal_id, ?), "
                        + "refusal_reason = coalesce(refusal_reason, ?), updated_at = ? where id = ? "
                        + "returning refusal_id, refusal_reason")
                .params(UUID.randomUUID(), reason, Timestamp.from(clock.instant()), id)
                .query((rs, n) -> new Refusal(rs.getObject(1, UUID.class), rs.getString(2))).single();
    }

    List<Upload> uploads(UUID id) {
        return jdbc.sql("select code, file_name, media_type, content from application_upload where application_id = ? "
                        + "order by seq").param(id)
                .query((rs, n) -> new Upload(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4))).list();
    }

    /**
     * Of these certificate ids, the ones whose application is issued (办结): a certificate stored by an attempt that then
     * failed is not held until a retry finishes its application.
     */
    Set<UUID> issuedAmong(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select certificate_id from application where certificate_id = any(cast(? as uuid[])) "
                        + "and status = 'ISSUED'")
                .param(texts(ids)).query(UUID.class).list());
    }

    /** Reserves the certificate's id and number once, committed at once: a retry after a crash seals the same ones. */
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

    List<MaterialView> materials(UUID id) {
        return jdbc.sql("select code, file_name, declared_type, detected_type, size, sha256, accepted, rejection_code "
                        + "from application_material where application_id = ? order by seq").param(id)
                .query((rs, n) -> new MaterialView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)))
                .list();
    }

    private static String[] texts(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static String[] names(Set<ApplicationStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("subject_id").strip(),
                rs.getString("item"), rs.getString("idempotency_key"), rs.getString("request_sha256"),
                ApplicationStatus.valueOf(rs.getString("status")), rs.getString("request"), rs.getString("decision"),
                rs.getObject("certificate_id", UUID.class), rs.getString("certificate_number"),
                rs.getObject("notice_id", UUID.class), rs.getString("notice_kind"), rs.getTimestamp("created_at").toInstant(),
                rs.getInt("attempts"), rs.getString("facts"), rs.getObject("refusal_id", UUID.class));
    }
}
