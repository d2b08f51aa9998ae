package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/**
 * Object Lock is detected per bucket at start: on the embedded store there is none and the archive says WORM is only
 * its own rule; on Ceph the buckets are created with it and every object gets its class's COMPLIANCE retention.
 */
@Tag("any-store")
class WormDetectionTests extends OnTestBed {

    @Test
    void theArchiveReportsWhetherTheStoreEnforcesWorm() {
        WormStatus worm = bed.archive.worm();

        if (TestBed.onCeph()) {
            assertThat(worm.enforcedByStore()).isTrue();
            assertThat(worm.mode()).isEqualTo("S3 Object Lock, COMPLIANCE retention per object");
            assertThat(worm.certificates()).isEqualTo(new BucketProtection(true, true, Optional.of("COMPLIANCE 10 years")));
            assertThat(worm.packages()).isEqualTo(worm.certificates());
        } else {
            assertThat(worm.enforcedByStore()).isFalse();
            assertThat(worm.certificates()).isEqualTo(BucketProtection.none());
            assertThat(worm.mode()).startsWith("write-once fallback");
        }
    }

    @Test
    void aCertificatesRetentionSaysWhetherTheStoreEnforcesIt() {
        ECertificate stored = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("L-1", "h", TestBed.pdf("l1")))).record();

        assertThat(stored.retention().enforcedByStore()).isEqualTo(TestBed.onCeph());
        ObjectLock lock = bed.archive.certificates().lock(stored.id()).orElseThrow();
        if (TestBed.onCeph()) {
            assertThat(lock).isEqualTo(new ObjectLock(Optional.of("COMPLIANCE"), Optional.of(stored.retention().retainUntil()), false));
        } else {
            assertThat(lock).isEqualTo(ObjectLock.none());
        }
    }

    @Test
    void aLegalHoldNeedsObjectLock() {
        ECertificate stored = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("L-2", "h", TestBed.pdf("l2")))).record();

        if (TestBed.onCeph()) {
            assertThat(bed.archive.certificates().legalHold(stored.id(), true)).hasValueSatisfying(lock ->
                    assertThat(lock.legalHold()).isTrue());
            assertThat(bed.archive.certificates().legalHold(stored.id(), false)).hasValueSatisfying(lock ->
                    assertThat(lock.legalHold()).isFalse());
        } else {
            assertThatThrownBy(() -> bed.archive.certificates().legalHold(stored.id(), true))
                    .isInstanceOf(ObjectLockUnavailableException.class).hasMessageContaining(bed.certificates);
        }
        assertThat(bed.archive.certificates().legalHold(UUID.randomUUID(), true)).isEmpty();
    }

    @Test
    void openingRefusesABucketWithoutObjectLockWhenTheArchiveRequiresIt() {
        String plain = "plain-" + UUID.randomUUID();
        bed.store.ensureBucket(plain);
        ArchiveSettings settings = new ArchiveSettings(plain, bed.packages, true, RetentionPolicy.standard(),
                Duration.ofHours(1), Duration.ofSeconds(10), 1);

        assertThatThrownBy(() -> Archive.open(bed.store, bed.dataSource(), settings, bed.clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requires S3 Object Lock").hasMessageContaining(plain);
    }
}
