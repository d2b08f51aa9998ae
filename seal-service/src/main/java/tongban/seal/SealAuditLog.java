package tongban.seal;

/**
 * Where seal applications are recorded (用印登记簿). The service calls it once per sealed document, after sealing
 * succeeded and before the sealed document is returned; a failure to record fails the seal.
 */
@FunctionalInterface
public interface SealAuditLog {

    void record(SealApplied event);
}
