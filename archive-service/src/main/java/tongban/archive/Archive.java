package tongban.archive;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.fixity.FixityAuditor;
import tongban.archive.registry.AuditLog;
import tongban.archive.registry.CertificateRegistry;
import tongban.archive.registry.ObjectRecords;
import tongban.archive.registry.OrphanLog;
import tongban.archive.registry.PackageRegistry;

/**
 * The archive service (档案服务): e-certificate library, e-archive packages, fixity audit and reconciliation over
 * one object store and the registry tables (created by the Flyway migrations in {@code db/migration}, V1_x).
 * The archive commits its own transactions; it does not join a caller's.
 */
public final class Archive {

    private static final Logger log = LoggerFactory.getLogger(Archive.class);

    private final ECertificates certificates;
    private final ArchivePackages packages;
    private final FixityAudit fixity;
    private final Reconciliation reconciliation;
    private final WormStatus worm;

    private Archive(ECertificates certificates, ArchivePackages packages, FixityAudit fixity,
                    Reconciliation reconciliation, WormStatus worm) {
        this.certificates = certificates;
        this.packages = packages;
        this.fixity = fixity;
        this.reconciliation = reconciliation;
        this.worm = worm;
    }

    /**
     * Creates the buckets if missing (with Object Lock and a COMPLIANCE default retention of the shortest retention
     * class when {@link ArchiveSettings#requireObjectLock()}), reads whether each has S3 Object Lock (and so whether
     * WORM is enforced by the store or only by the write-once fallback), logs it, and wires the services.
     *
     * @throws IllegalStateException if Object Lock is required and a bucket does not have it
     */
    public static Archive open(ObjectStore store, DataSource dataSource, ArchiveSettings settings, Clock clock) {
        for (String bucket : List.of(settings.certificatesBucket(), settings.packagesBucket())) {
            if (settings.requireObjectLock()) {
                store.ensureLockedBucket(bucket, settings.retention().shortestYears());
            } else {
                store.ensureBucket(bucket);
            }
        }
        WormStatus worm = new WormStatus(settings.certificatesBucket(), store.protection(settings.certificatesBucket()),
                settings.packagesBucket(), store.protection(settings.packagesBucket()));
        if (worm.enforcedByStore()) {
            log.info("archive on {}: WORM enforced by the store ({}; default retention {} / {})", store.describe(),
                    worm.mode(), worm.certificates().defaultRetention().orElse("none"),
                    worm.packages().defaultRetention().orElse("none"));
        } else if (settings.requireObjectLock()) {
            throw new IllegalStateException("the archive requires S3 Object Lock, but on " + store.describe() + " "
                    + (worm.certificatesLocked() ? "" : settings.certificatesBucket() + " ")
                    + (worm.packagesLocked() ? "" : settings.packagesBucket() + " ")
                    + "has none; Object Lock can only be enabled when a bucket is created: use new buckets");
        } else {
            log.warn("archive on {}: WORM not enforced by the store ({}); the archive never overwrites and audits"
                    + " SHA-256, but the store's credentials could still delete objects", store.describe(), worm.mode());
        }
        OrphanLog orphans = new OrphanLog(dataSource);
        ObjectRecords records = new ObjectRecords(dataSource);
        WriteOnce writeOnce = new WriteOnce(store, orphans, clock);
        return new Archive(
                new CertificateLibrary(new ArchiveBucket(store, writeOnce, settings.certificatesBucket(),
                        worm.certificatesLocked(), settings.retention(), clock), new CertificateRegistry(dataSource, clock)),
                new PackageArchive(new ArchiveBucket(store, writeOnce, settings.packagesBucket(), worm.packagesLocked(),
                        settings.retention(), clock), new PackageRegistry(dataSource)),
                new FixityAuditor(store, records, new AuditLog(dataSource), clock, settings.progressInterval(),
                        settings.auditParallelism()),
                new Reconciler(store, records, orphans, List.of(settings.certificatesBucket(), settings.packagesBucket()),
                        settings.orphanGrace(), clock),
                worm);
    }

    public ECertificates certificates() {
        return certificates;
    }

    public ArchivePackages packages() {
        return packages;
    }

    public FixityAudit fixity() {
        return fixity;
    }

    public Reconciliation reconciliation() {
        return reconciliation;
    }

    public WormStatus worm() {
        return worm;
    }
}
