package tongban.tickets;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** A ticket raised, answered, closed or rated, and an agent's lookup or queue read: one audit entry each. */
record TicketAction(String actor, String action, String target, Map<String, Object> detail) implements Audited {

    static TicketAction on(String actor, String action, UUID ticket, Map<String, Object> detail) {
        return new TicketAction(actor, action, "ticket/" + ticket, detail);
    }
}
