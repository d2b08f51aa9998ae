package tongban.archive;

import java.util.UUID;

/** Revoke (吊销) a certificate, with the reason the verifier will be shown. */
public record RevokeCertificate(UUID certificateId, String reason) {

    public RevokeCertificate {
        Check.present("certificateId", certificateId);
        Check.text("reason", reason, 1000);
    }
}
