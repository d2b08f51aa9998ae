package tongban.archive;

import java.util.Optional;

/**
 * The e-archive (电子档案库): one BagIt package per application (RFC 8493, SHA-256 manifests, bag-info.txt with the
 * retention class, item, department and dates), zipped into one object, stored write-once and registered.
 */
public interface ArchivePackages {

    /**
     * Bags, stores and registers the application's file. An application is archived once: archiving it again
     * changes nothing and says whether the payload was the same.
     *
     * @throws InvalidArchiveInputException for a bad command, before anything is written
     * @throws ArchiveUnavailableException  when the store or the registry failed; nothing is registered
     */
    ArchiveResult<ArchivedPackage> archive(ArchiveApplication command);

    Optional<ArchivedPackage> find(String applicationId);

    /**
     * The zipped bag, checked against the registered SHA-256 on the way out.
     *
     * @throws IntegrityException if the bytes differ or the object is gone
     */
    Optional<byte[]> content(String applicationId);

    /**
     * The facts the application was decided on, as archived in its package ({@code data/facts.json}); empty when there
     * is no package, or its package was archived before facts were kept.
     *
     * @throws IntegrityException if the package's bytes differ from the registered ones or the object is gone
     */
    Optional<byte[]> facts(String applicationId);

    /** The package object's Object Lock state as the store reports it now: retention and legal hold. */
    Optional<ObjectLock> lock(String applicationId);

    /**
     * Places or lifts a legal hold (法律保全) on the application's package; see {@link ECertificates#legalHold}.
     *
     * @throws ObjectLockUnavailableException where the archive bucket has no Object Lock
     */
    Optional<ObjectLock> legalHold(String applicationId, boolean on);
}
