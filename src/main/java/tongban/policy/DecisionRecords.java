package tongban.policy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the policy officer may read of real applications: counts of outcomes, rules, tickets per rule and missing
 * materials, and the facts
 * and decisions of recent cases for a preview. Never a name, an ID number, a login or an application id: the queries
 * select none. Each method is one statement; nothing holds a connection while rules run.
 */
@Component
class DecisionRecords {

    /** A decided case as the preview reads it: when, the facts it was decided on and its decision (JSON). */
    record Case(Instant decidedAt, String facts, String decision) {
    }

    /** How often one rule fired (applications whose decision's trace names it). */
    record RuleCount(String rule, long applications) {
    }

    /** How often a material was missing, or uploaded in a type it does not accept. */
    record MaterialCount(String code, long missing, long rejected) {
    }

    private final JdbcClient jdbc;

    DecisionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applications of the item in the period, by status (ISSUED, INCOMPLETE, …). */
    Map<String, Long> outcomes(String item, Period period) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) from application where item = ? and created_at >= ? and created_at < ? "
                        + "group by status order by status")
                .params(item, Timestamp.from(period.start()), Timestamp.from(period.end()))
                .query((rs, n) -> outcomes.put(rs.getString(1), rs.getLong(2))).list();
        return outcomes;
    }

    List<RuleCount> rulesFired(String item, Period period) {
        return jdbc.sql("select t.entry ->> 'rule', count(distinct a.id) from application a "
                        + "cross join lateral jsonb_array_elements(coalesce(a.decision -> 'trace', '[]'::jsonb)) as t(entry) "
                        + "where a.item = ? and a.created_at >= ? and a.created_at < ? group by 1 order by 2 desc, 1")
                .params(item, Timestamp.from(period.start()), Timestamp.from(period.end()))
                .query((rs, n) -> new RuleCount(rs.getString(1), rs.getLong(2))).list();
    }

    List<MaterialCount> materialsMissing(String item, Period period) {
        return jdbc.sql("select m.entry ->> 'code', count(*) filter (where m.entry ->> 'status' = 'MISSING'), "
                        + "count(*) filter (where m.entry ->> 'status' = 'REJECTED') from application a "
                        + "cross join lateral jsonb_array_elements(coalesce(a.decision -> 'materials', '[]'::jsonb)) as m(entry) "
                        + "where a.item = ? and a.created_at >= ? and a.created_at < ? "
                        + "and m.entry ->> 'status' in ('MISSING', 'REJECTED') group by 1 order by 2 desc, 3 desc, 1")
                .params(item, Timestamp.from(period.start()), Timestamp.from(period.end()))
                .query((rs, n) -> new MaterialCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Tickets (12345 questions and complaints) raised in the period about each rule of the item that one names. */
    List<RuleCount> ticketsByRule(String item, Period period) {
        return jdbc.sql("select rule, count(*) from ticket where item = ? and rule is not null and created_at >= ? "
                        + "and created_at < ? group by rule order by 2 desc, 1")
                .params(item, Timestamp.from(period.start()), Timestamp.from(period.end()))
                .query((rs, n) -> new RuleCount(rs.getString(1), rs.getLong(2))).list();
    }

    /** The newest {@code limit} cases of the item in the period that kept the facts they were decided on. */
    List<Case> recent(String item, Period period, int limit) {
        return jdbc.sql("select created_at, facts::text, decision::text from application where item = ? "
                        + "and facts is not null and decision is not null and created_at >= ? and created_at < ? "
                        + "order by created_at desc, id limit ?")
                .params(item, Timestamp.from(period.start()), Timestamp.from(period.end()), limit)
                .query((rs, n) -> new Case(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3))).list();
    }
}
