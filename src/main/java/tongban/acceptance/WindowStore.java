package tongban.acceptance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the window officer's workbench reads and writes beside the applications themselves: where an application is
 * served and how it came in, the queue of those waiting for an in-person step, and the append-only in-person checks.
 * Each method is one short statement or transaction.
 */
@Component
class WindowStore {

    /** How an application came in and the district that serves it (null: none could be told). */
    record Placement(Channel channel, String officer, String district) {
    }

    /** An application waiting for its in-person step, with what the queue shows of its checks. */
    record Waiting(UUID id, String item, Instant createdAt, Channel channel, String district, String decision,
                   String facts, int checks, boolean breaksAtMostOnce) {
    }

    /** One recorded in-person check. */
    record Check(int seq, String step, String checked, CheckResult result, String officer, Instant at, int visit,
                 boolean breaksAtMostOnce) {
    }

    /** The counts of a district's window (the workbench's figures and the report). */
    record Figures(long waiting, long windowSubmissions, long checksPassed, long checksFailed, long atMostOnceBroken) {
    }

    /** Why a check could not be recorded; nothing was written. */
    enum CheckRefusal { NOT_FOUND, NOT_AWAITING_VISIT, ALREADY_CHECKED }

    static final class CheckRefused extends RuntimeException {
        final CheckRefusal reason;

        CheckRefused(CheckRefusal reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    private static final String IN_DISTRICT = "(a.district = ? or a.district is null)";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    WindowStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    Optional<Placement> placement(UUID id) {
        return jdbc.sql("select channel, officer, district from application where id = ?").param(id)
                .query((rs, n) -> new Placement(Channel.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3) == null ? null : rs.getString(3).strip()))
                .optional();
    }

    /** One page of the district's waiting applications (and those of no district), oldest first. */
    List<Waiting> waiting(String district, String item, int page, int size) {
        return jdbc.sql("select a.id, a.item, a.created_at, a.channel, a.district, a.decision::text, a.facts::text, "
                        + "(select count(*) from in_person_check c where c.application_id = a.id), "
                        + "exists (select 1 from in_person_check c where c.application_id = a.id and c.breaks_at_most_once) "
                        + "from application a where a.status = 'ACCEPTED' and " + IN_DISTRICT
                        + " and (cast(? as text) is null or a.item = ?) order by a.created_at, a.id limit ? offset ?")
                .params(district, item, item, size, (long) page * size)
                .query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        Channel.valueOf(rs.getString(4)), rs.getString(5) == null ? null : rs.getString(5).strip(),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9)))
                .list();
    }

    long countWaiting(String district, String item) {
        return jdbc.sql("select count(*) from application a where a.status = 'ACCEPTED' and " + IN_DISTRICT
                        + " and (cast(? as text) is null or a.item = ?)")
                .params(district, item, item).query(Long.class).single();
    }

    private static final String CHECK_COLUMNS = "seq, step, checked, result, officer, at, visit, breaks_at_most_once";

    List<Check> checks(UUID id) {
        return jdbc.sql("select " + CHECK_COLUMNS + " from in_person_check where application_id = ? order by seq")
                .param(id).query(WindowStore::check).list();
    }

    private static Check check(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Check(rs.getInt(1), rs.getString(2), rs.getString(3), CheckResult.valueOf(rs.getString(4)),
                rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getBoolean(8));
    }

    boolean passed(UUID id) {
        return jdbc.sql("select exists (select 1 from in_person_check where application_id = ? and result = 'PASSED')")
                .param(id).query(Boolean.class).single();
    }

    /**
     * Records a check of an ACCEPTED application not yet checked as passed, and runs {@code then} (its audit entry),
     * in one transaction that locks the application's row: two officers' checks at once get visits 1 and 2, never
     * both 1. {@code breaks} tells, from the visit the check is taken on, whether it breaks the promised trips.
     */
    Check record(UUID id, String key, String step, String checked, CheckResult result, String officer,
                 IntPredicate breaks, java.util.function.Consumer<Check> then) {
        return transaction.execute(tx -> {
            String status = jdbc.sql("select status from application where id = ? for update").param(id)
                    .query(String.class).optional().orElseThrow(() -> new CheckRefused(CheckRefusal.NOT_FOUND));
            // the same key again (a double click, a retry) is the check already recorded: no second visit
            Optional<Check> same = key == null ? Optional.empty() : jdbc.sql("select " + CHECK_COLUMNS
                            + " from in_person_check where application_id = ? and request_key = ?").params(id, key)
                    .query(WindowStore::check).optional();
            if (same.isPresent()) {
                return same.get();
            }
            if (!status.equals(ApplicationStatus.ACCEPTED.name())) {
                throw new CheckRefused(CheckRefusal.NOT_AWAITING_VISIT);
            }
            if (passed(id)) {
                throw new CheckRefused(CheckRefusal.ALREADY_CHECKED);
            }
            int seq = jdbc.sql("select count(*) from in_person_check where application_id = ?").param(id)
                    .query(Integer.class).single() + 1;
            // every check is a trip to the window; a walk-in's first is taken on the trip it was submitted on
            Check check = new Check(seq, step, checked, result, officer, clock.instant(), seq, breaks.test(seq));
            jdbc.sql("insert into in_person_check (application_id, seq, step, checked, result, officer, at, visit, "
                            + "breaks_at_most_once, request_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq, step, checked, result.name(), officer, Timestamp.from(check.at()), check.visit(),
                            check.breaksAtMostOnce(), key)
                    .update();
            then.accept(check);
            return check;
        });
    }

    Figures figures(String district) {
        return jdbc.sql("select "
                        + "(select count(*) from application a where a.status = 'ACCEPTED' and " + IN_DISTRICT + "), "
                        + "(select count(*) from application a where a.channel = 'WINDOW' and " + IN_DISTRICT + "), "
                        + "(select count(*) from in_person_check c join application a on a.id = c.application_id "
                        + "where c.result = 'PASSED' and " + IN_DISTRICT + "), "
                        + "(select count(*) from in_person_check c join application a on a.id = c.application_id "
                        + "where c.result = 'FAILED' and " + IN_DISTRICT + "), "
                        + "(select count(distinct c.application_id) from in_person_check c join application a "
                        + "on a.id = c.application_id where c.breaks_at_most_once and " + IN_DISTRICT + ")")
                .params(district, district, district, district, district)
                .query((rs, n) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .single();
    }
}
