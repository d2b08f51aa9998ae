package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** The applicant withdrew (撤回) an application before it was issued, from the status it had. */
public record ApplicationWithdrawn(String actor, UUID application, String from) implements Audited {

    @Override
    public String action() {
        return "APPLICATION_WITHDRAWN";
    }

    @Override
    public String target() {
        return "application/" + application;
    }

    @Override
    public Object detail() {
        return Map.of("from", from);
    }
}
