package tongban.archive;

import java.time.Instant;
import java.util.UUID;

/**
 * Store a renewed revision of an archived certificate: {@code pdf} must be the revision whose SHA-256 is
 * {@code previous} — the newest one — with bytes appended. {@code renewalDue} is when this new revision will need
 * renewing in turn.
 */
public record StoreRevision(UUID certificateId, Sha256 previous, byte[] pdf, Instant renewalDue) {

    public StoreRevision {
        Check.present("certificateId", certificateId);
        Check.present("previous", previous);
        Check.present("renewalDue", renewalDue);
        Check.pdf("pdf", pdf);
    }
}
