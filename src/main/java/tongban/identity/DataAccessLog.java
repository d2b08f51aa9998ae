package tongban.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data access log (数据访问记录) as its subject and the staff see it: every read of a subject's data, by whom,
 * for which item or application and purpose, when. {@link DataSharing} logs the reads of an item's form; a staff
 * lookup (a 12345 agent) is logged here with its purpose. The subject reads its own log ("who read my data").
 */
@Component
public class DataAccessLog {

    /** One read: {@code readerRole} is the staff role of a lookup, null for an item's read of the base libraries. */
    public record Entry(Instant at, String actor, String readerRole, String item, UUID applicationId, String purpose,
                        List<String> fields) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    DataAccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Logs a staff member's read of a subject's data, in the caller's transaction when it has one. */
    public void staffRead(String actor, String role, String subjectId, String item, UUID applicationId, String purpose,
                          List<String> fields) {
        jdbc.sql("insert into data_access_log (at, actor, reader_role, subject_id, item, application_id, purpose, fields) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor, role, subjectId, item, applicationId, purpose,
                        fields.toArray(String[]::new))
                .update();
    }

    /** The subject's log, newest first, {@code limit} entries from {@code offset}. */
    public List<Entry> of(String subjectId, long offset, int limit) {
        return jdbc.sql("select at, actor, reader_role, item, application_id, purpose, fields from data_access_log "
                        + "where subject_id = ? order by at desc, id desc offset ? limit ?")
                .params(subjectId, offset, limit)
                .query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
                        List.of((String[]) rs.getArray(7).getArray())))
                .list();
    }

    public long count(String subjectId) {
        return jdbc.sql("select count(*) from data_access_log where subject_id = ?").param(subjectId)
                .query(Long.class).single();
    }
}
