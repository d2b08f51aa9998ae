package tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log only grows: PostgreSQL itself refuses to change or delete an entry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogTests {

    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anEntryOnceWrittenCannotBeChangedOrDeleted() {
        audit.record("officer", "TEST_ACTION", "certificate/42", Map.of("reason", "test"));
        assertThat(audit.recent(10, "TEST_ACTION", null)).first()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("officer"));
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone else'").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(audit.recent(10, "TEST_ACTION", "certificate/42")).isNotEmpty();
    }
}
