package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** An officer revoked (吊销) a certificate that was not revoked before, for this reason. */
public record CertificateRevoked(String actor, UUID certificateId, String reason) implements Audited {

    @Override
    public String action() {
        return "CERTIFICATE_REVOKED";
    }

    @Override
    public String target() {
        return "certificate/" + certificateId;
    }

    @Override
    public Object detail() {
        return Map.of("reason", reason);
    }
}
