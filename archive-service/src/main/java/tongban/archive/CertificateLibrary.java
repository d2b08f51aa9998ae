package tongban.archive;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.registry.CertificateRegistry;

/**
 * {@link ECertificates} on the object store and the registry table. Objects are keyed {@code <type>/<number>.pdf}, or
 * {@code <type>/<number>.<sha256 prefix>.pdf} when an unregistered leftover holds that key.
 */
final class CertificateLibrary implements ECertificates {

    private final ArchiveBucket bucket;
    private final CertificateRegistry registry;

    CertificateLibrary(ArchiveBucket bucket, CertificateRegistry registry) {
        this.bucket = bucket;
        this.registry = registry;
    }

    @Override
    public ArchiveResult<ECertificate> store(StoreCertificate command) {
        Sha256 sha256 = Sha256.of(command.pdf());
        Optional<ECertificate> registered = registry.findByNumber(command.type(), command.number());
        if (registered.isPresent()) {
            return new AlreadyExists<>(registered, registered.get().sha256().equals(sha256));
        }
        if (registry.find(command.id()).isPresent()) {
            throw new InvalidArchiveInputException("id", "belongs to another certificate");
        }
        String name = command.type() + "/" + command.number();
        Retention retention = bucket.retention(command.type(), command.issuedAt());
        WriteOnce.Written written = bucket.put(name, "pdf", sha256, ObjectContent.of(command.pdf()), Map.of(
                        "sha256", sha256.hex(),
                        "tongban-type", command.type(),
                        "tongban-number", command.number(),
                        "tongban-holder", command.holder(),
                        "tongban-issuer", command.issuer()),
                retention, occupant -> sha256.hex().equals(occupant.metadata().get("sha256")));
        ECertificate certificate = new ECertificate(command.id(), command.type(), command.number(),
                command.holder(), command.issuer(), command.issuedAt(), command.validUntil(), CertificateStatus.VALID,
                Optional.empty(), Optional.empty(), sha256, command.pdf().length, bucket.location(written), retention,
                bucket.now());
        if (bucket.register(written, sha256, () -> registry.register(certificate))) {
            return new Stored<>(certificate);
        }
        // a concurrent store of the same certificate registered first
        ECertificate winner = registry.findByNumber(command.type(), command.number()).orElseThrow();
        bucket.orphanUnlessRegistered(written, winner.location(), sha256, "certificate " + name + " was registered by a concurrent store");
        return new AlreadyExists<>(Optional.of(winner), winner.sha256().equals(sha256));
    }

    @Override
    public Optional<ECertificate> find(UUID id) {
        return registry.find(id);
    }

    @Override
    public Optional<ECertificate> findByNumber(String type, String number) {
        return registry.findByNumber(type, number);
    }

    @Override
    public List<ECertificate> listByHolder(String holder) {
        return registry.byHolder(holder);
    }

    @Override
    public Optional<Revocation> revoke(RevokeCertificate command) {
        return registry.revoke(command.certificateId(), command.reason(), bucket.now());
    }

    @Override
    public Optional<CertificateStatus> status(UUID id) {
        return registry.find(id).map(ECertificate::status);
    }

    @Override
    public Optional<byte[]> content(UUID id) {
        return registry.find(id).map(c -> bucket.read(c.location(), c.sha256()));
    }

    @Override
    public Optional<ObjectLock> lock(UUID id) {
        return registry.find(id).flatMap(c -> bucket.lock(c.location()));
    }

    @Override
    public Optional<ObjectLock> legalHold(UUID id, boolean on) {
        return registry.find(id).map(c -> bucket.legalHold(c.location(), on));
    }
}
