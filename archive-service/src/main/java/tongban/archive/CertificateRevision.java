package tongban.archive;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One revision of an archived certificate's PDF (证照修订版本). Revision 1 is the file as issued; each later one is
 * the revision before it with a long-term-validity renewal appended, stored as an object of its own.
 *
 * @param previous the SHA-256 of the revision it extends; empty for revision 1
 */
public record CertificateRevision(UUID certificateId, int revision, Optional<Sha256> previous, Sha256 sha256,
                                  long size, ObjectLocation location, Instant registeredAt) {
}
