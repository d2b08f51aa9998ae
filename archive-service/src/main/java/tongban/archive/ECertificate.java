package tongban.archive;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A sealed document as registered in the library: an e-certificate (电子证照) or another {@link DocumentKind}. {@code status} is as of reading: a VALID certificate past
 * its {@code validUntil} reads EXPIRED, with {@code statusChangedAt} = {@code validUntil}.
 */
public record ECertificate(UUID id, String type, String number, String holder, String issuer, Instant issuedAt,
                           Optional<Instant> validUntil, CertificateStatus status, Optional<String> statusReason,
                           Optional<Instant> statusChangedAt, Sha256 sha256, long size, ObjectLocation location,
                           Retention retention, Instant registeredAt, DocumentKind kind) {
}
