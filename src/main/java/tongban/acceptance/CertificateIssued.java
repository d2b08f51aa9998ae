package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** A certificate (证照) was issued for an application and registered, by the applicant's or an officer's action. */
public record CertificateIssued(String actor, UUID documentId, String type, UUID application) implements Audited {

    @Override
    public String action() {
        return "CERTIFICATE_ISSUED";
    }

    @Override
    public String target() {
        return "document/" + documentId;
    }

    @Override
    public Object detail() {
        return Map.of("application", application.toString(), "type", type);
    }
}
