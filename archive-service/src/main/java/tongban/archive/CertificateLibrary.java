package tongban.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.registry.CertificateRegistry;

/** {@link ECertificates} on the object store and the registry table. Objects are keyed {@code <type>/<number>.pdf}. */
final class CertificateLibrary implements ECertificates {

    private static final Logger log = LoggerFactory.getLogger(CertificateLibrary.class);

    private final ObjectStore store;
    private final CertificateRegistry registry;
    private final WriteOnce writeOnce;
    private final String bucket;
    private final boolean locked;
    private final RetentionPolicy retention;
    private final Clock clock;

    CertificateLibrary(ObjectStore store, CertificateRegistry registry, WriteOnce writeOnce, String bucket, boolean locked,
                       RetentionPolicy retention, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.writeOnce = writeOnce;
        this.bucket = bucket;
        this.locked = locked;
        this.retention = retention;
        this.clock = clock;
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
        String key = command.type() + "/" + command.number() + ".pdf";
        Instant retainUntil = retention.retainUntil(command.type(), command.issuedAt());
        WriteOnce.Written written = writeOnce.put(bucket, key, ObjectContent.of(command.pdf()), Map.of(
                        "sha256", sha256.hex(),
                        "tongban-type", command.type(),
                        "tongban-number", command.number(),
                        "tongban-holder", command.holder(),
                        "tongban-issuer", command.issuer()),
                locked ? Optional.of(retainUntil) : Optional.empty());
        if (!written.created() && !sha256.hex().equals(written.occupant().orElseThrow().metadata().get("sha256"))) {
            log.warn("{}/{} holds an unregistered object with other bytes; left for reconciliation", bucket, key);
            return new AlreadyExists<>(Optional.empty(), false);
        }
        // created now, or the same bytes left by an attempt whose registration failed: register that object
        ECertificate certificate = new ECertificate(command.id(), command.type(), command.number(),
                command.holder(), command.issuer(), command.issuedAt(), command.validUntil(), CertificateStatus.VALID,
                Optional.empty(), Optional.empty(), sha256, command.pdf().length,
                new ObjectLocation(bucket, key, written.versionId()),
                new Retention(retention.classFor(command.type()), retainUntil, locked), clock.instant());
        if (writeOnce.register(bucket, key, sha256, () -> registry.register(certificate))) {
            return new Stored<>(certificate);
        }
        Optional<ECertificate> winner = registry.findByNumber(command.type(), command.number());
        return new AlreadyExists<>(winner, winner.map(c -> c.sha256().equals(sha256)).orElse(false));
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
    public Optional<ECertificate> revoke(RevokeCertificate command) {
        return registry.revoke(command.certificateId(), command.reason(), clock.instant());
    }

    @Override
    public Optional<CertificateStatus> status(UUID id) {
        return registry.find(id).map(ECertificate::status);
    }

    @Override
    public Optional<byte[]> content(UUID id) {
        return registry.find(id).map(c -> Verified.read(store, c.location(), c.sha256()));
    }
}
