package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/** Object Lock support is detected per bucket at start; without it the archive says WORM is only its own rule. */
class WormDetectionTests {

    static TestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = TestBed.start();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void theEmbeddedStoreHasNoObjectLockSoTheWriteOnceFallbackIsReported() {
        WormStatus worm = bed.archive.worm();

        assertThat(bed.store.objectLockEnabled("certificates")).isFalse();
        assertThat(worm.enforcedByStore()).isFalse();
        assertThat(worm.mode()).startsWith("write-once fallback");
    }

    @Test
    void certificatesStoredWithoutObjectLockSaySoInTheirRetention() {
        ECertificate stored = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("L-1", "h", TestBed.pdf("l1")))).record();

        assertThat(stored.retention().enforcedByStore()).isFalse();
    }
}
