package tongban.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The candidates a preview found publishable, by item and content hash: what "publish this candidate" on the preview
 * page publishes, so the files published are the files previewed. One statement each.
 */
@Component
class PublishableCandidates {

    private final JdbcClient jdbc;
    private final Clock clock;

    PublishableCandidates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void keep(String item, String version, byte[] zip, String actor) {
        jdbc.sql("insert into policy_candidate (item, version, zip, previewed_by, previewed_at) values (?, ?, ?, ?, ?) "
                        + "on conflict (item, version) do nothing")
                .params(item, version, zip, actor, Timestamp.from(clock.instant())).update();
    }

    Optional<byte[]> find(String item, String version) {
        return jdbc.sql("select zip from policy_candidate where item = ? and version = ?").params(item, version)
                .query(byte[].class).optional();
    }
}
