package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** Issuing an application failed for a reason of ours; the same request sent again retries it. */
public record ApplicationFailed(String actor, UUID application, String failure) implements Audited {

    @Override
    public String action() {
        return "APPLICATION_FAILED";
    }

    @Override
    public String target() {
        return "application/" + application;
    }

    @Override
    public Object detail() {
        return Map.of("failure", failure);
    }
}
