package tongban.acceptance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registered documents that no application, inspection or payment order points to, for reconciliation (对账). Issuing reserves a
 * document's id on its application or inspection (committed) before it is sealed and registered, so none should
 * exist; one that does was left by a crash before that rule or written around them, and is never listed to a holder
 * as theirs.
 */
@Component
public class UnclaimedDocuments {

    /** A registered document without an application or inspection; no holder data. */
    public record Unclaimed(UUID id, String type, String number, Instant registeredAt) {
    }

    private final JdbcClient jdbc;

    UnclaimedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first. */
    public List<Unclaimed> find() {
        // the archive's registry table, read in the same database: the archive knows no applications
        return jdbc.sql("select c.id, c.type, c.number, c.registered_at from archive_certificate c "
                        + "where not exists (select 1 from application a "
                        + "where a.certificate_id = c.id or a.notice_id = c.id or a.refusal_id = c.id) "
                        // supervision's inspection notices and orders to rectify (tongban.supervision)
                        + "and not exists (select 1 from supervision_inspection s "
                        + "where s.notice_id = c.id or s.order_id = c.id) "
                        // payment's receipts (tongban.payment)
                        + "and not exists (select 1 from payment_order p where p.receipt_id = c.id) "
                        + "order by c.registered_at")
                .query((rs, n) -> new Unclaimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }
}
