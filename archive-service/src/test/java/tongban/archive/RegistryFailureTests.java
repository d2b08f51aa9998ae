package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.ReconciliationReport.Orphan;
import tongban.archive.embedded.EmbeddedPostgresServer;

/**
 * The registry database fails after the object is written: no row points anywhere, the object is an orphan that
 * reconciliation reports, and sending the same certificate again registers the object already there.
 */
class RegistryFailureTests {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path temp;
    static EmbeddedPostgresServer postgres;
    static TestBed bed;

    @BeforeAll
    static void start() throws Exception {
        // a server of its own: one test stops it
        postgres = EmbeddedPostgresServer.start(temp.resolve("pg"));
        bed = TestBed.start(postgres, TestBed.settings(java.time.Duration.ofHours(1)), TestBed.quickRetries());
    }

    @AfterAll
    static void stop() {
        bed.close();
        postgres.close();
    }

    @Test
    void anErrorInTheRegistrationTransactionLeavesARecordedOrphanThatARetryAdopts() throws Exception {
        refuseRegistrations();
        try {
            assertThatThrownBy(() -> bed.archive.certificates().store(TestBed.certificate("F-1", "h", TestBed.pdf("f1"))))
                    .isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("orphan candidate");
        } finally {
            allowRegistrations();
        }
        assertThat(bed.count("select count(*) from archive_certificate where number = 'F-1'")).isZero();
        assertThat(orphan("business-licence/F-1.pdf").recordedReason()).hasValueSatisfying(
                reason -> assertThat(reason).contains("registering a certificate failed, SQLState P0001"));

        assertThat(bed.archive.certificates().store(TestBed.certificate("F-1", "h", TestBed.pdf("f1")))).isInstanceOf(Stored.class);

        assertThat(bed.count("select count(*) from archive_orphan where object_key = 'business-licence/F-1.pdf'"
                + " and resolution = 'REGISTERED'")).isEqualTo(1);
        assertThat(bed.archive.reconciliation().reconcile().orphans()).extracting(Orphan::key)
                .doesNotContain("business-licence/F-1.pdf");
    }

    @Test
    void aCertificateSealedAgainAfterAFailedRegistrationIsStoredBesideTheLeftover() throws Exception {
        refuseRegistrations();
        try {
            assertThatThrownBy(() -> bed.archive.certificates().store(TestBed.certificate("F-4", "h", TestBed.pdf("first seal"))))
                    .isInstanceOf(ArchiveUnavailableException.class);
        } finally {
            allowRegistrations();
        }

        byte[] resealed = TestBed.pdf("second seal");
        ECertificate stored = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("F-4", "h", resealed))).record();

        assertThat(stored.location().key()).isEqualTo("business-licence/F-4." + Sha256.of(resealed).hex().substring(0, 16) + ".pdf");
        assertThat(bed.archive.certificates().content(stored.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(resealed));
        assertThat(Files.readAllBytes(bed.objectFile("certificates", "business-licence/F-4.pdf"))).isEqualTo(TestBed.pdf("first seal"));
        assertThat(orphan("business-licence/F-4.pdf").recordedReason()).isPresent();
    }

    @Test
    void anApplicationArchivedAgainAfterAFailedRegistrationAdoptsThePackageAlreadyThere() throws Exception {
        bed.sql("create function refuse_package() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$");
        bed.sql("create trigger refuse_package before insert on archive_package for each row execute function refuse_package()");
        try {
            assertThatThrownBy(() -> bed.archive.packages().archive(TestBed.application("APP-F-5", Optional.empty())))
                    .isInstanceOf(ArchiveUnavailableException.class);
        } finally {
            bed.sql("drop trigger refuse_package on archive_package");
            bed.sql("drop function refuse_package()");
        }
        byte[] leftover = Files.readAllBytes(bed.objectFile("archive", "individual-business-registration/APP-F-5.zip"));
        bed.clock.advance(java.time.Duration.ofDays(1)); // bagged again, the bag's dates differ

        ArchivedPackage adopted = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-F-5", Optional.empty()))).record();

        assertThat(adopted.location().key()).isEqualTo("individual-business-registration/APP-F-5.zip");
        assertThat(adopted.sha256()).isEqualTo(Sha256.of(leftover));
        assertThat(bed.archive.packages().content("APP-F-5")).hasValueSatisfying(b -> assertThat(b).isEqualTo(leftover));
    }

    @Test
    void aConnectionKilledMidTransactionLeavesNoRowAndARecordedOrphan() throws Exception {
        bed.sql("create function cut() returns trigger language plpgsql as $$"
                + " begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$");
        bed.sql("create trigger cut before insert on archive_certificate for each row execute function cut()");
        try {
            assertThatThrownBy(() -> bed.archive.certificates().store(TestBed.certificate("F-2", "h", TestBed.pdf("f2"))))
                    .isInstanceOf(ArchiveUnavailableException.class);
        } finally {
            bed.sql("drop trigger cut on archive_certificate");
            bed.sql("drop function cut()");
        }
        assertThat(bed.count("select count(*) from archive_certificate where number = 'F-2'")).isZero();
        assertThat(orphan("business-licence/F-2.pdf").recordedReason()).isPresent();
    }

    @Test
    void aDatabaseThatGoesDownAfterTheUploadLeavesAnOrphanReconciliationFinds() throws Exception {
        Archive archive = Archive.open(new StopsPostgresAfterUpload(bed.store), bed.dataSource(), bed.settings, bed.clock);
        try {
            assertThatThrownBy(() -> archive.certificates().store(TestBed.certificate("F-3", "h", TestBed.pdf("f3"))))
                    .isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("orphan candidate");
        } finally {
            postgres.restart();
            bed.dataSource.getHikariPoolMXBean().softEvictConnections();
        }
        assertThat(Files.exists(bed.objectFile("certificates", "business-licence/F-3.pdf"))).isTrue();
        assertThat(bed.count("select count(*) from archive_certificate where number = 'F-3'")).isZero();
        assertThat(orphan("business-licence/F-3.pdf").recordedReason()).isEmpty(); // the database was down: not recorded
        assertThat(bed.archive.reconciliation().reconcile().missing()).isEmpty();
    }

    /** A real failure inside the registration's transaction, as a full disk would raise. */
    private static void refuseRegistrations() throws Exception {
        bed.sql("create function refuse() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$");
        bed.sql("create trigger refuse before insert on archive_certificate for each row execute function refuse()");
    }

    private static void allowRegistrations() throws Exception {
        bed.sql("drop trigger refuse on archive_certificate");
        bed.sql("drop function refuse()");
    }

    private static Orphan orphan(String key) {
        return bed.archive.reconciliation().reconcile().orphans().stream()
                .filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not reported as an orphan"));
    }

    /** The real store, except that PostgreSQL crashes the moment an upload has succeeded. */
    private record StopsPostgresAfterUpload(ObjectStore store) implements ObjectStore {

        @Override
        public PutResult putIfAbsent(String bucket, String key, ObjectContent content, Map<String, String> metadata,
                                     Optional<Instant> lockedUntil) {
            PutResult put = store.putIfAbsent(bucket, key, content, metadata, lockedUntil);
            postgres.stop();
            return put;
        }

        @Override
        public void ensureBucket(String bucket) {
            store.ensureBucket(bucket);
        }

        @Override
        public void ensureLockedBucket(String bucket, int defaultRetentionYears) {
            store.ensureLockedBucket(bucket, defaultRetentionYears);
        }

        @Override
        public BucketProtection protection(String bucket) {
            return store.protection(bucket);
        }

        @Override
        public Optional<StoredObject> stat(ObjectLocation location) {
            return store.stat(location);
        }

        @Override
        public Optional<InputStream> read(ObjectLocation location) {
            return store.read(location);
        }

        @Override
        public Stream<StoredObject> list(String bucket) {
            return store.list(bucket);
        }

        @Override
        public void delete(ObjectLocation location) {
            store.delete(location);
        }

        @Override
        public Optional<ObjectLock> lock(ObjectLocation location) {
            return store.lock(location);
        }

        @Override
        public void setLegalHold(ObjectLocation location, boolean on) {
            store.setLegalHold(location, on);
        }

        @Override
        public String describe() {
            return store.describe();
        }

        @Override
        public void close() {
        }
    }
}
