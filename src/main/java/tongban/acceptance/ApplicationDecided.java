package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/**
 * An application reached the status its decision gives (ISSUED, ACCEPTED, INCOMPLETE, INELIGIBLE, NOT_APPLICABLE),
 * with its document issued; or, {@code completed}, an officer issued the certificate of an accepted one.
 */
public record ApplicationDecided(String actor, UUID application, String item, String outcome, String status,
                                 boolean completed) implements Audited {

    @Override
    public String action() {
        return completed ? "APPLICATION_COMPLETED" : "APPLICATION_" + status;
    }

    @Override
    public String target() {
        return "application/" + application;
    }

    @Override
    public Object detail() {
        return Map.of("item", item, "outcome", outcome);
    }
}
