package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/** A certificate's status: VALID until revoked (with reason and time) or past its valid-until date (EXPIRED). */
@Tag("any-store")
class RevocationAndExpiryTests extends OnTestBed {

    private static ECertificate store(String number) {
        return ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate(number, "h", TestBed.pdf(number)))).record();
    }

    @Test
    void aRevokedCertificateKeepsTheFirstReasonAndTime() {
        ECertificate stored = store("R-1");
        Instant revokedAt = bed.clock.instant();

        Revocation first = bed.archive.certificates().revoke(new RevokeCertificate(stored.id(), "licence withdrawn")).orElseThrow();
        bed.clock.advance(Duration.ofHours(1));
        Revocation second = bed.archive.certificates().revoke(new RevokeCertificate(stored.id(), "second try")).orElseThrow();
        ECertificate revoked = first.certificate();
        ECertificate again = second.certificate();

        assertThat(first.revokedNow()).isTrue();
        assertThat(second.revokedNow()).isFalse();
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.statusReason()).contains("licence withdrawn");
        assertThat(revoked.statusChangedAt()).contains(revokedAt);
        assertThat(again).isEqualTo(revoked);
        assertThat(bed.archive.certificates().status(stored.id())).contains(CertificateStatus.REVOKED);
    }

    @Test
    void aCertificatePastItsValidUntilDateReadsExpired() {
        ECertificate stored = store("E-1");
        assertThat(bed.archive.certificates().status(stored.id())).contains(CertificateStatus.VALID);

        bed.clock.set(stored.validUntil().orElseThrow());

        ECertificate expired = bed.archive.certificates().find(stored.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(expired.statusChangedAt()).isEqualTo(stored.validUntil());
        bed.clock.set(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void revokingAnUnknownCertificateFindsNothing() {
        assertThat(bed.archive.certificates().revoke(new RevokeCertificate(UUID.randomUUID(), "no such"))).isEqualTo(Optional.empty());
        assertThat(bed.archive.certificates().status(UUID.randomUUID())).isEmpty();
    }
}
