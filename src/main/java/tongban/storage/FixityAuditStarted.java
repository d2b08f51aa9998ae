package tongban.storage;

import java.util.UUID;
import tongban.audit.Audited;

/** An operator started a fixity audit run (scheduled runs are the system's and are not audited). */
public record FixityAuditStarted(String actor, UUID runId) implements Audited {

    @Override
    public String action() {
        return "FIXITY_AUDIT_STARTED";
    }

    @Override
    public String target() {
        return "fixity-audit/" + runId;
    }

    @Override
    public Object detail() {
        return null;
    }
}
