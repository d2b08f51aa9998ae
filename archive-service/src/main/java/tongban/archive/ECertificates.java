package tongban.archive;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The e-certificate library (电子证照库): sealed certificate PDFs, stored write-once and registered. A certificate
 * is stored once: a second store of its type and number changes nothing and says so.
 */
public interface ECertificates {

    /**
     * Stores the PDF (object first, then the registry row in one transaction) and returns the registered certificate.
     *
     * @throws InvalidArchiveInputException for a bad command, before anything is written
     * @throws ArchiveUnavailableException  when the store or the registry failed; nothing is registered
     */
    ArchiveResult<ECertificate> store(StoreCertificate command);

    Optional<ECertificate> find(UUID id);

    Optional<ECertificate> findByNumber(String type, String number);

    /** The holder's certificates, newest first. */
    List<ECertificate> listByHolder(String holder);

    /**
     * Revokes a valid or expired certificate; a revoked one stays as it was, which the answer says. Empty if there is no
     * such certificate.
     */
    Optional<Revocation> revoke(RevokeCertificate command);

    /** The status as of now (VALID, REVOKED or EXPIRED). */
    Optional<CertificateStatus> status(UUID id);

    /**
     * The PDF, checked against the registered SHA-256 on the way out.
     *
     * @throws IntegrityException if the bytes differ or the object is gone
     */
    Optional<byte[]> content(UUID id);

    /**
     * The newest revision's PDF (what a holder downloads), checked against its registered SHA-256.
     *
     * @throws IntegrityException if the bytes differ or the object is gone
     */
    Optional<byte[]> newestContent(UUID id);

    /**
     * Stores a renewed revision as a new object (the earlier ones stay as they are) and registers it as the
     * certificate's newest. {@link ArchiveResult.AlreadyExists} when {@code previous} is no longer the newest: a
     * concurrent renewal went first.
     *
     * @throws InvalidArchiveInputException no such certificate, or {@code pdf} does not extend the previous revision
     * @throws ArchiveUnavailableException  when the store or the registry failed; nothing is registered
     */
    ArchiveResult<CertificateRevision> storeRevision(StoreRevision command);

    /** The chain of revisions, the issued file first; empty if there is no such certificate. */
    List<CertificateRevision> revisions(UUID id);

    /** Records when the certificate's newest revision must be renewed (after reading it, or a failed attempt). */
    void scheduleRenewal(UUID id, java.time.Instant due);

    /** Up to {@code limit} certificates whose renewal is due by {@code at} or not yet scheduled, the most urgent first. */
    List<UUID> renewalsDue(java.time.Instant at, int limit);

    /** The object's Object Lock state as the store reports it now: retention and legal hold. */
    Optional<ObjectLock> lock(UUID id);

    /**
     * Places or lifts a legal hold (法律保全) for a dispute: while it is on the store refuses to delete the object,
     * even after its retention has ended. Returns the lock state after the change.
     *
     * @throws ObjectLockUnavailableException where the certificates bucket has no Object Lock
     */
    Optional<ObjectLock> legalHold(UUID id, boolean on);
}
