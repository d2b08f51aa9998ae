package tongban.verification;

import java.time.Instant;
import java.util.UUID;
import tongban.archive.ECertificate;

/**
 * An issued certificate's public status (证照状态), as anyone holding it may see it. It names neither the holder
 * nor the holder's ID number: the registry keeps the applicant's identifier, which not every certificate prints
 * (a business licence does not print its operator's ID number), and a verifier matches the document in hand by
 * its number, which every certificate prints.
 *
 * @param statusChangedAt when the status became what it is; the issue time for a certificate still valid
 * @param validUntil      the end of validity (exclusive), {@code null} for no limit (长期)
 * @param sha256          of the archived original, so a verifier can compare a copy offline
 */
record CertificateStatusView(UUID certificateId, String status, String statusReason, Instant statusChangedAt,
                             String type, String number, String issuer, Instant issuedAt, Instant validUntil,
                             String sha256) {

    static CertificateStatusView of(ECertificate c) {
        return new CertificateStatusView(c.id(), c.status().name(), c.statusReason().orElse(null),
                c.statusChangedAt().orElse(c.issuedAt()), c.type(), c.number(), c.issuer(), c.issuedAt(),
                c.validUntil().orElse(null), c.sha256().hex());
    }
}
