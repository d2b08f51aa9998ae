package tongban.acceptance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sequences document numbers are drawn from, one row per name in one table: a sequence a template.yaml names
 * for the first time starts at 1. Each draw is one committed statement, so two nodes never draw the same value
 * (a value drawn by an attempt that then failed is skipped, as with a database sequence).
 */
@Component
public class DocumentSequences {

    private final JdbcClient jdbc;

    DocumentSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long next(String name) {
        return jdbc.sql("insert into document_sequence (name, last_value) values (?, 1) on conflict (name) "
                        + "do update set last_value = document_sequence.last_value + 1 returning last_value")
                .param(name).query(Long.class).single();
    }
}
