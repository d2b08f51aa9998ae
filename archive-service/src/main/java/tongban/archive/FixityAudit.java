package tongban.archive;

import java.util.Optional;
import java.util.UUID;

/**
 * The fixity audit (完整性检查): re-reads every registered object as a stream, recomputes its SHA-256, compares it
 * with the registry and, for packages, every file with the bag's manifests. Runs and findings are recorded.
 */
public interface FixityAudit {

    /** Audits everything now, under a new run id. */
    default AuditReport run() {
        return run(UUID.randomUUID());
    }

    /** Audits everything now under {@code runId}, which {@link #find} shows while the run goes on. */
    AuditReport run(UUID runId);

    Optional<AuditReport> find(UUID runId);

    Optional<AuditReport> latest();
}
