package tongban.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
                bucket.now(), command.kind());
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
    public Optional<byte[]> newestContent(UUID id) {
        List<CertificateRevision> chain = revisions(id);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        CertificateRevision newest = chain.get(chain.size() - 1);
        return Optional.of(bucket.read(newest.location(), newest.sha256()));
    }

    @Override
    public ArchiveResult<CertificateRevision> storeRevision(StoreRevision command) {
        ECertificate certificate = registry.find(command.certificateId())
                .orElseThrow(() -> new InvalidArchiveInputException("certificateId", "no such certificate"));
        List<CertificateRevision> chain = revisions(certificate);
        CertificateRevision newest = chain.get(chain.size() - 1);
        Sha256 sha256 = Sha256.of(command.pdf());
        if (!newest.sha256().equals(command.previous())) {
            return new AlreadyExists<>(Optional.of(newest), newest.sha256().equals(sha256));
        }
        byte[] previous = bucket.read(newest.location(), newest.sha256());
        if (command.pdf().length <= previous.length
                || !Arrays.equals(command.pdf(), 0, previous.length, previous, 0, previous.length)) {
            throw new InvalidArchiveInputException("pdf", "is not the previous revision with an update appended");
        }
        int number = newest.revision() + 1;
        String name = certificate.type() + "/" + certificate.number() + ".r" + number;
        WriteOnce.Written written = bucket.put(name, "pdf", sha256, ObjectContent.of(command.pdf()), Map.of(
                        "sha256", sha256.hex(),
                        "tongban-type", certificate.type(),
                        "tongban-number", certificate.number(),
                        "tongban-revision", Integer.toString(number),
                        "tongban-previous-sha256", newest.sha256().hex()),
                certificate.retention(), occupant -> sha256.hex().equals(occupant.metadata().get("sha256")));
        CertificateRevision revision = new CertificateRevision(certificate.id(), number, Optional.of(newest.sha256()),
                sha256, command.pdf().length, bucket.location(written), bucket.now());
        if (bucket.register(written, sha256, () -> registry.registerRevision(revision, certificate.retention(),
                command.renewalDue()))) {
            return new Stored<>(revision);
        }
        // a concurrent renewal registered this revision number first
        List<CertificateRevision> now = revisions(certificate);
        CertificateRevision winner = now.get(now.size() - 1);
        bucket.orphanUnlessRegistered(written, winner.location(), sha256,
                "revision " + number + " of " + name + " was registered by a concurrent renewal");
        return new AlreadyExists<>(Optional.of(winner), winner.sha256().equals(sha256));
    }

    @Override
    public List<CertificateRevision> revisions(UUID id) {
        return registry.find(id).map(this::revisions).orElse(List.of());
    }

    @Override
    public void scheduleRenewal(UUID id, Instant due) {
        registry.scheduleRenewal(id, due);
    }

    @Override
    public List<UUID> renewalsDue(Instant at, int limit) {
        return registry.renewalsDue(at, limit);
    }

    private List<CertificateRevision> revisions(ECertificate certificate) {
        List<CertificateRevision> chain = new ArrayList<>();
        chain.add(new CertificateRevision(certificate.id(), 1, Optional.empty(), certificate.sha256(),
                certificate.size(), certificate.location(), certificate.registeredAt()));
        chain.addAll(registry.revisions(certificate.id()));
        return chain;
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
