package tongban.acceptance;

import java.util.UUID;

/** A certificate (证照) was issued for an application and registered, by the applicant's or an officer's action. */
public record CertificateIssued(String actor, UUID documentId, String type, UUID application) implements DocumentIssuance {

    @Override
    public String action() {
        return "CERTIFICATE_ISSUED";
    }
}
