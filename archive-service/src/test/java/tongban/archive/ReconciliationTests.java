package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.ReconciliationReport.Missing;
import tongban.archive.ReconciliationReport.Orphan;

/** Store and registry compared: objects nobody registered, records whose object is gone, and cleaning of orphans. */
class ReconciliationTests {

    TestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        bed.archive.certificates().store(TestBed.certificate("Q-1", "h", TestBed.pdf("q1")));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void anObjectWrittenBehindTheRegistrysBackIsAnUnrecordedOrphan() {
        bed.store.putIfAbsent("certificates", "stray/file.pdf", ObjectContent.of(TestBed.pdf("stray")), Map.of(), Optional.empty());

        ReconciliationReport report = bed.archive.reconciliation().reconcile();

        assertThat(report.orphans()).singleElement().satisfies(orphan -> {
            assertThat(orphan.key()).isEqualTo("stray/file.pdf");
            assertThat(orphan.recordedReason()).isEmpty();
        });
        assertThat(report.objectsListed()).isEqualTo(2);
        assertThat(report.recordsChecked()).isEqualTo(1);
        assertThat(report.missing()).isEmpty();
    }

    @Test
    void aRecordWhoseObjectIsGoneIsReportedMissing() throws Exception {
        ECertificate gone = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("Q-2", "h", TestBed.pdf("q2")))).record();
        Files.delete(bed.objectFile("certificates", gone.location().key()));

        assertThat(bed.archive.reconciliation().reconcile().missing())
                .containsExactly(new Missing(gone.id(), "certificates", "business-licence/Q-2.pdf"));
    }

    @Test
    void cleaningDeletesOnlyOrphansOlderThanTheGracePeriod() throws Exception {
        bed.store.putIfAbsent("archive", "stray/old.zip", ObjectContent.of(new byte[] {1}), Map.of(), Optional.empty());
        bed.store.putIfAbsent("archive", "stray/young.zip", ObjectContent.of(new byte[] {2}), Map.of(), Optional.empty());
        // the store dates an object by its file: age one past the grace period of an hour
        Files.setLastModifiedTime(bed.objectFile("archive", "stray/old.zip"),
                FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        bed.clock.set(Instant.now());

        ReconciliationReport report = bed.archive.reconciliation().cleanOrphans();

        assertThat(report.deleted()).extracting(Orphan::key).containsExactly("stray/old.zip");
        assertThat(report.orphans()).extracting(Orphan::key).containsExactly("stray/young.zip");
        assertThat(bed.store.stat(ObjectLocation.of("archive", "stray/old.zip"))).isEmpty();
        assertThat(bed.store.stat(ObjectLocation.of("certificates", "business-licence/Q-1.pdf"))).isPresent();
    }
}
