package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/** The embedded S3 server stops mid-operation: retries ride out a restart, a long outage leaves nothing half-done. */
class StoreOutageTests extends OnTestBed {

    @Test
    void aCertificateStoredWhileTheStoreRestartsIsStoredOnce() throws Exception {
        bed.s3.stop();
        CompletableFuture<Void> restart = CompletableFuture.runAsync(bed.s3::restart,
                CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));

        ArchiveResult<ECertificate> result = bed.archive.certificates().store(TestBed.certificate("O-1", "h", TestBed.pdf("o1")));

        restart.get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(Stored.class);
        assertThat(Files.readAllBytes(bed.objectFile("certificates", "business-licence/O-1.pdf"))).isEqualTo(TestBed.pdf("o1"));
        assertThat(bed.count("select count(*) from archive_certificate where number = 'O-1'")).isEqualTo(1);
    }

    @Test
    void aPackageUploadCutByAStoreStopIsRetriedAndRegisteredOnce() throws Exception {
        byte[] scan = new byte[24 * 1024 * 1024];
        new java.util.Random(7).nextBytes(scan);
        ArchiveApplication base = TestBed.application("APP-O-2", Optional.empty());
        List<ArchiveApplication.Material> materials = new ArrayList<>(base.materials());
        materials.add(new ArchiveApplication.Material("premises-photo", "scan.tiff", "image/tiff", scan));
        ArchiveApplication big = new ArchiveApplication(base.applicationId(), base.item(), base.department(),
                base.submittedAt(), base.decidedAt(), base.applicationData(), materials, base.decision(),
                base.facts(), base.packVersion(), base.certificate());
        CompletableFuture<ArchiveResult<ArchivedPackage>> archiving = CompletableFuture.supplyAsync(() -> bed.archive.packages().archive(big));
        Thread.sleep(400); // bagging is done by now, the upload under way
        bed.s3.stop();
        Thread.sleep(500);
        bed.s3.restart();

        ArchiveResult<ArchivedPackage> result = archiving.get(60, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(Stored.class);
        ArchivedPackage archived = ((Stored<ArchivedPackage>) result).record();
        assertThat(Sha256.of(Files.readAllBytes(bed.objectFile("archive", archived.location().key())))).isEqualTo(archived.sha256());
        assertThat(bed.count("select count(*) from archive_package where application_id = 'APP-O-2'")).isEqualTo(1);
        assertThat(bed.archive.reconciliation().reconcile().orphans()).isEmpty();
    }

    @Test
    void aStoreThatStaysDownFailsTheStoreAndRegistersNothing() throws Exception {
        bed.s3.stop();
        try {
            assertThatThrownBy(() -> bed.archive.certificates().store(TestBed.certificate("O-3", "h", TestBed.pdf("o3"))))
                    .isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("object store");
        } finally {
            bed.s3.restart();
        }
        assertThat(bed.count("select count(*) from archive_certificate where number = 'O-3'")).isZero();
        assertThat(bed.objectFile("certificates", "business-licence/O-3.pdf")).doesNotExist();
        ReconciliationReport report = bed.archive.reconciliation().reconcile();
        assertThat(report.orphans()).isEmpty();
        assertThat(report.missing()).isEmpty();
    }
}
