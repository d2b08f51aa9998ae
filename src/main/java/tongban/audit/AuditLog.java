package tongban.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log (审计日志) of every state change and data access: actor, action, target, time.
 * PostgreSQL refuses updates and deletes of its table (a trigger), so an entry once written stays.
 * Targets name records by id, never by an ID number.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One entry; {@code detail} is any small value, stored as JSON. */
    public void record(String actor, String action, String target, Object detail) {
        jdbc.sql("insert into audit_log (at, actor, action, target, detail) values (?, ?, ?, ?, cast(? as jsonb))")
                .params(java.sql.Timestamp.from(clock.instant()), actor, action, target,
                        detail == null ? null : json.writeValueAsString(detail))
                .update();
    }

    /** Each state change a module announces is logged once, by whoever published it. */
    @EventListener
    void on(Audited event) {
        record(event.actor(), event.action(), event.target(), event.detail());
    }

    /** The newest entries first, optionally of one action or target. */
    public List<Entry> recent(int limit, String action, String target) {
        return jdbc.sql("select id, at, actor, action, target, detail::text from audit_log "
                        + "where (cast(? as text) is null or action = ?) and (cast(? as text) is null or target = ?) "
                        + "order by id desc limit ?")
                .params(action, action, target, target, Math.min(Math.max(limit, 1), 1000))
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6) == null ? null : json.readTree(rs.getString(6))))
                .list();
    }

    public record Entry(long id, Instant at, String actor, String action, String target, Object detail) {
    }
}
