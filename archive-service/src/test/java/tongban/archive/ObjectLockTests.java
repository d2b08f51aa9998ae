package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectRetentionArgs;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.AuditReport.State;

/**
 * On a store that enforces S3 Object Lock (Ceph RGW in CI): what the archive wrote stays as it was until its
 * retain-until date, whatever anyone holding the application's own credentials sends to the store directly.
 */
@Tag("object-lock")
class ObjectLockTests {

    static TestBed bed;
    /** A plain S3 client with the very credentials the archive uses. */
    static MinioClient sameCredentials;

    @BeforeAll
    static void start() throws Exception {
        // certificates of this type are kept permanently (100 years); the rest LONG (30); the buckets' default SHORT (10)
        RetentionPolicy retention = new RetentionPolicy(Map.of("PERMANENT", 100, "LONG", 30, "SHORT", 10),
                Map.of("business-licence", "PERMANENT"), "LONG");
        bed = TestBed.start(TestBed.sharedPostgres(), TestBed.settings(Duration.ofHours(1), retention), TestBed.quickRetries());
        S3Connection connection = TestBed.cephConnection();
        sameCredentials = MinioClient.builder().endpoint(connection.endpoint().toString())
                .credentials(connection.accessKey(), connection.secretKey()).region(connection.region()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        sameCredentials.close();
        bed.close();
    }

    @Test
    void anArchivedCertificateCannotBeDeletedOrAlteredBeforeItsRetainUntilDateEvenWithTheApplicationsCredentials() throws Exception {
        byte[] pdf = TestBed.pdf("licence K-1");
        ECertificate stored = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("K-1", "h", pdf))).record();
        String key = stored.location().key();
        String version = stored.location().versionId().orElseThrow(() -> new AssertionError("no version registered"));

        // deleting the version: refused, also when asking to bypass a GOVERNANCE lock
        assertRefused(() -> sameCredentials.removeObject(RemoveObjectArgs.builder().bucket(bed.certificates).object(key)
                .versionId(version).build()));
        assertRefused(() -> sameCredentials.removeObject(RemoveObjectArgs.builder().bucket(bed.certificates).object(key)
                .versionId(version).bypassGovernanceMode(true).build()));
        // shortening the retention, or turning it into GOVERNANCE (which privileged users may bypass): refused
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        assertRefused(() -> sameCredentials.setObjectRetention(SetObjectRetentionArgs.builder().bucket(bed.certificates)
                .object(key).versionId(version)
                .config(new Retention(RetentionMode.COMPLIANCE, tomorrow.atZone(ZoneOffset.UTC))).build()));
        assertRefused(() -> sameCredentials.setObjectRetention(SetObjectRetentionArgs.builder().bucket(bed.certificates)
                .object(key).versionId(version).bypassGovernanceMode(true)
                .config(new Retention(RetentionMode.GOVERNANCE, tomorrow.atZone(ZoneOffset.UTC))).build()));
        // the bucket cannot go either
        assertThatThrownBy(() -> sameCredentials.removeBucket(RemoveBucketArgs.builder().bucket(bed.certificates).build()))
                .isInstanceOf(ErrorResponseException.class);

        // what the store does allow does not touch the archived version: a new version over it, a delete marker
        byte[] forged = TestBed.pdf("forged K-1");
        sameCredentials.putObject(PutObjectArgs.builder().bucket(bed.certificates).object(key).data(forged, forged.length).build());
        sameCredentials.removeObject(RemoveObjectArgs.builder().bucket(bed.certificates).object(key).build());

        assertThat(bed.archive.certificates().content(stored.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(pdf));
        assertThat(sameCredentials.getObjectRetention(GetObjectRetentionArgs.builder().bucket(bed.certificates).object(key)
                .versionId(version).build()).retainUntilDate().toInstant())
                .isEqualTo(tongban.archive.Retention.lockUntil(stored.retention().retainUntil()));
        AuditReport audit = bed.archive.fixity().run();
        assertThat(audit.state()).isEqualTo(State.FINISHED);
        assertThat(audit.findings()).isEmpty();
        // the forged version is named: an orphan the store will keep until its own retention ends
        assertThat(bed.archive.reconciliation().reconcile().orphans())
                .filteredOn(orphan -> orphan.key().equals(key))
                .singleElement().satisfies(orphan -> {
                    assertThat(orphan.versionId()).isPresent().isNotEqualTo(Optional.of(version));
                    assertThat(orphan.size()).isEqualTo(forged.length);
                });
        ReconciliationReport report = bed.archive.reconciliation().reconcile();
        assertThat(report.missing()).isEmpty();
        // and the delete attempt is named too
        assertThat(report.deleteMarkers()).filteredOn(marker -> marker.key().equals(key)).singleElement()
                .satisfies(marker -> assertThat(marker.recordId()).isEqualTo(stored.id()));
    }

    @Test
    void eachObjectIsLockedForItsRetentionClassBeyondTheBucketsDefault() {
        ECertificate certificate = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("K-2", "h", TestBed.pdf("K-2")))).record();
        ArchivedPackage archived = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-K-2", Optional.empty()))).record();

        assertThat(bed.archive.worm().certificates().defaultRetention()).contains("COMPLIANCE 10 years");
        assertThat(certificate.retention()).isEqualTo(enforced("PERMANENT", "2126-11-27T08:00:00Z"));
        // locked as long as a store is known to keep: see the next test
        assertThat(bed.archive.certificates().lock(certificate.id())).contains(
                new ObjectLock(Optional.of("COMPLIANCE"), Optional.of(Instant.parse("2106-02-07T06:28:15Z")), false));
        assertThat(archived.retention()).isEqualTo(enforced("LONG", "2056-11-27T08:00:00Z"));
        assertThat(bed.archive.packages().lock("APP-K-2")).contains(
                new ObjectLock(Optional.of("COMPLIANCE"), Optional.of(Instant.parse("2056-11-27T08:00:00Z")), false));
    }

    @Test
    void aRetentionTheStoreDoesNotKeepIsRefusedBeforeAnythingIsRegistered() {
        // Ceph RGW 16 keeps retain-until dates in 32 bits: 2126 would wrap to 1990 and leave the object deletable
        Instant beyond = Instant.parse("2126-11-27T08:00:00Z");

        assertThatThrownBy(() -> bed.store.putIfAbsent(bed.certificates, "probe/beyond-2106.pdf",
                ObjectContent.of(TestBed.pdf("probe")), Map.of(), Optional.of(beyond)))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("asked for COMPLIANCE retention until 2126-11-27T08:00:00Z");
    }

    @Test
    void anEarlierObjectOfTheSameContentIsNotTakenOverWhenTheStoreDoesNotHoldIt() throws Exception {
        byte[] pdf = TestBed.pdf("licence K-5");
        // what an attempt before the horizon cap left: the same bytes, a retention RGW wrapped into 1990
        sameCredentials.putObject(PutObjectArgs.builder().bucket(bed.certificates).object("business-licence/K-5.pdf")
                .data(pdf, pdf.length).userMetadata(Map.of("sha256", Sha256.of(pdf).hex()))
                .retention(new Retention(RetentionMode.COMPLIANCE, Instant.parse("2126-11-27T08:00:00Z").atZone(ZoneOffset.UTC)))
                .build());

        assertThatThrownBy(() -> bed.archive.certificates().store(TestBed.certificate("K-5", "h", pdf)))
                .isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("not under a running COMPLIANCE retention");
        assertThat(bed.archive.certificates().findByNumber("business-licence", "K-5")).isEmpty();
    }

    @Test
    void reconciliationNamesALockedOrphanButCannotDeleteItBeforeItsRetentionEnds() throws Exception {
        byte[] stray = TestBed.pdf("written behind the archive's back");
        sameCredentials.putObject(PutObjectArgs.builder().bucket(bed.packages).object("stray/locked.zip")
                .data(stray, stray.length).build()); // the bucket's default retention applies: COMPLIANCE 10 years
        Instant now = bed.clock.instant();
        bed.clock.set(Instant.now().plus(Duration.ofHours(2))); // past the grace period, long before the retention ends
        try {
            ReconciliationReport report = bed.archive.reconciliation().cleanOrphans();

            // (an object of another test here, whose retention the store did not keep, may well be deleted)
            assertThat(report.deleted()).extracting(ReconciliationReport.Orphan::key).doesNotContain("stray/locked.zip");
            assertThat(report.orphans()).filteredOn(o -> o.key().equals("stray/locked.zip")).singleElement()
                    .satisfies(orphan -> assertThat(bed.bytes(orphan.location())).isEqualTo(stray));
        } finally {
            bed.clock.set(now);
        }
    }

    @Test
    void aLegalHoldForADisputeIsPlacedOnTheArchivedVersionAndLifted() throws Exception {
        ArchivedPackage archived = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-K-3", Optional.empty()))).record();
        IsObjectLegalHoldEnabledArgs asStore = IsObjectLegalHoldEnabledArgs.builder().bucket(bed.packages)
                .object(archived.location().key()).versionId(archived.location().versionId().orElseThrow()).build();

        assertThat(bed.archive.packages().legalHold("APP-K-3", true)).hasValueSatisfying(lock -> assertThat(lock.legalHold()).isTrue());
        assertThat(sameCredentials.isObjectLegalHoldEnabled(asStore)).isTrue();
        assertThat(bed.archive.packages().legalHold("APP-K-3", false)).hasValueSatisfying(lock -> assertThat(lock.legalHold()).isFalse());
        assertThat(sameCredentials.isObjectLegalHoldEnabled(asStore)).isFalse();
        assertThat(bed.archive.packages().legalHold("APP-NONE", true)).isEmpty();
    }

    @Test
    void concurrentStoresOfOneCertificateRegisterOneObjectAndNameEveryOtherVersion() throws Exception {
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<ArchiveResult<ECertificate>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                byte[] pdf = TestBed.pdf("K-4 sealed by attempt " + i); // every attempt sealed other bytes
                Callable<ArchiveResult<ECertificate>> store = () -> {
                    start.await();
                    return bed.archive.certificates().store(TestBed.certificate("K-4", "h", pdf));
                };
                results.add(pool.submit(store));
            }
            start.countDown();
            List<ArchiveResult<ECertificate>> outcomes = new ArrayList<>();
            for (Future<ArchiveResult<ECertificate>> result : results) {
                outcomes.add(result.get());
            }

            ECertificate registered = bed.archive.certificates().findByNumber("business-licence", "K-4").orElseThrow();
            assertThat(outcomes).filteredOn(Stored.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(AlreadyExists.class::isInstance).hasSize(writers - 1)
                    .allSatisfy(o -> assertThat(((AlreadyExists<ECertificate>) o).registered()).contains(registered));
            assertThat(bed.count("select count(*) from archive_certificate where number = 'K-4'")).isEqualTo(1);
            assertThat(Sha256.of(bed.archive.certificates().content(registered.id()).orElseThrow())).isEqualTo(registered.sha256());
            // every other object written for K-4 is an orphan in the reconciliation, none is registered twice
            long objects = bed.store.list(bed.certificates).filter(o -> o.key().startsWith("business-licence/K-4.")).count();
            assertThat(bed.archive.reconciliation().reconcile().orphans())
                    .filteredOn(o -> o.key().startsWith("business-licence/K-4.")).hasSize((int) objects - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> assertThat(e.response().code()).isEqualTo(403));
    }

    private static tongban.archive.Retention enforced(String retentionClass, String retainUntil) {
        return new tongban.archive.Retention(retentionClass, Instant.parse(retainUntil), true);
    }
}
