package tongban.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.bagit.BagPacker;
import tongban.archive.bagit.BagPacker.PackedBag;
import tongban.archive.bagit.BagPacker.PayloadFile;
import tongban.archive.registry.PackageRegistry;

/**
 * {@link ArchivePackages}: each application's file as one zipped BagIt bag, keyed {@code <item>/<applicationId>.zip}
 * (or {@code <item>/<applicationId>.<manifest prefix>.zip} when an unregistered leftover holds that key).
 * One object rather than files under a prefix, so that a package is written by one conditional PUT (all or nothing),
 * carries one retention and one SHA-256 in the registry, and still has every file checked against the bag's manifest.
 */
final class PackageArchive implements ArchivePackages {

    private static final Logger log = LoggerFactory.getLogger(PackageArchive.class);
    /** The payload file of the facts a decision was made on; packages archived before facts were kept have none. */
    private static final String FACTS = "facts.json";
    /**
     * Where bags are packed, one folder each, deleted when written. A node killed while packing leaves its folder:
     * the next start removes those older than {@link #STALE}, longer than any packing takes.
     */
    static final Path WORK = Path.of(System.getProperty("java.io.tmpdir"), "tongban-bags");
    static final java.time.Duration STALE = java.time.Duration.ofHours(1);

    private final ArchiveBucket bucket;
    private final PackageRegistry registry;

    PackageArchive(ArchiveBucket bucket, PackageRegistry registry) {
        this.bucket = bucket;
        this.registry = registry;
        clearStaleWork(WORK, Instant.now().minus(STALE));
    }

    /** Deletes the packing folders under {@code work} last changed before {@code before}: a killed node's leftovers. */
    static void clearStaleWork(Path work, Instant before) {
        if (!Files.isDirectory(work)) {
            return;
        }
        try (Stream<Path> folders = Files.list(work)) {
            for (Path folder : folders.toList()) {
                if (Files.getLastModifiedTime(folder).toInstant().isBefore(before)) {
                    deleteQuietly(folder);
                }
            }
        } catch (IOException e) {
            log.warn("cannot clear the packing folders under {}: {}", work, e.getMessage());
        }
    }

    @Override
    public ArchiveResult<ArchivedPackage> archive(ArchiveApplication command) {
        List<PayloadFile> payload = payload(command);
        Sha256 manifest = BagPacker.manifestSha256(payload);
        Optional<ArchivedPackage> registered = registry.find(command.applicationId());
        if (registered.isPresent()) {
            return new AlreadyExists<>(registered, registered.get().manifestSha256().equals(manifest));
        }
        Instant archivedAt = bucket.now();
        Retention retention = bucket.retention(command.item(), archivedAt);
        Path work = temporaryDirectory();
        try {
            PackedBag bag = BagPacker.pack(command.applicationId(), payload, bagInfo(command, retention, archivedAt), work);
            String name = command.item() + "/" + command.applicationId();
            WriteOnce.Written written = bucket.put(name, "zip", manifest, ObjectContent.of(bag.zip()), Map.of(
                            "sha256", bag.sha256().hex(),
                            "tongban-manifest-sha256", manifest.hex(),
                            "tongban-application", command.applicationId(),
                            "tongban-item", command.item()),
                    retention, occupant -> manifest.hex().equals(occupant.metadata().get("tongban-manifest-sha256")));
            // the same payload bagged by an attempt whose registration failed has other dates: register that object
            Sha256 sha256 = written.occupant().map(o -> Sha256.parse(o.metadata().get("sha256"))).orElse(bag.sha256());
            long size = written.occupant().map(StoredObject::size).orElse(bag.size());
            ArchivedPackage archived = new ArchivedPackage(UUID.randomUUID(), command.applicationId(), command.item(),
                    command.department(), command.certificate().map(ArchiveApplication.SealedCertificate::certificateId),
                    command.packVersion(), command.submittedAt(), command.decidedAt(), archivedAt, bag.payloadFiles(),
                    bag.payloadBytes(), manifest, sha256, size, bucket.location(written), retention);
            if (bucket.register(written, sha256, () -> registry.register(archived))) {
                return new Stored<>(archived);
            }
            // a concurrent archiving of the same application registered first
            ArchivedPackage winner = registry.find(command.applicationId()).orElseThrow();
            bucket.orphanUnlessRegistered(written, winner.location(), sha256, "application " + command.applicationId()
                    + " was archived by a concurrent store");
            return new AlreadyExists<>(Optional.of(winner), winner.manifestSha256().equals(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the bag of " + command.applicationId(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    @Override
    public Optional<ArchivedPackage> find(String applicationId) {
        return registry.find(applicationId);
    }

    @Override
    public Optional<byte[]> content(String applicationId) {
        return registry.find(applicationId).map(p -> bucket.read(p.location(), p.sha256()));
    }

    @Override
    public Optional<byte[]> facts(String applicationId) {
        return content(applicationId).flatMap(zip -> payloadFile(zip, applicationId, FACTS));
    }

    /** A payload file of a zipped bag (the bag's name is its one top folder); the zip was checked on reading. */
    private static Optional<byte[]> payloadFile(byte[] zip, String bagName, String path) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(bagName + "/data/" + path)) {
                    return Optional.of(in.readAllBytes());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IntegrityException("the package is not a readable zip: " + e.getMessage());
        }
    }

    @Override
    public Optional<ObjectLock> lock(String applicationId) {
        return registry.find(applicationId).flatMap(p -> bucket.lock(p.location()));
    }

    @Override
    public Optional<ObjectLock> legalHold(String applicationId, boolean on) {
        return registry.find(applicationId).map(p -> bucket.legalHold(p.location(), on));
    }

    /**
     * data/: the application, each material as received (numbered: names may repeat) with an index, the decision, the
     * facts it was decided on, the certificate.
     */
    private static List<PayloadFile> payload(ArchiveApplication command) {
        List<PayloadFile> files = new ArrayList<>();
        files.add(new PayloadFile("application.json", command.applicationData()));
        StringBuilder index = new StringBuilder("[");
        for (int i = 0; i < command.materials().size(); i++) {
            ArchiveApplication.Material material = command.materials().get(i);
            String path = String.format("materials/%02d-%s", i + 1, material.fileName());
            files.add(new PayloadFile(path, material.content()));
            index.append(i == 0 ? "\n  " : ",\n  ").append("{\"file\": ").append(Json.quote(path))
                    .append(", \"code\": ").append(Json.quote(material.code()))
                    .append(", \"fileName\": ").append(Json.quote(material.fileName()))
                    .append(", \"mediaType\": ").append(Json.quote(material.mediaType()))
                    .append(", \"size\": ").append(material.content().length)
                    .append(", \"sha256\": ").append(Json.quote(Sha256.of(material.content()).hex())).append('}');
        }
        files.add(new PayloadFile("materials.json", index.append("\n]\n").toString().getBytes(StandardCharsets.UTF_8)));
        files.add(new PayloadFile("decision.json", command.decision()));
        command.facts().ifPresent(facts -> files.add(new PayloadFile(FACTS, facts)));
        command.certificate().ifPresent(certificate -> {
            files.add(new PayloadFile("certificate.pdf", certificate.pdf()));
            files.add(new PayloadFile("verification-report.json", certificate.verificationReport()));
        });
        return files;
    }

    private static List<Map.Entry<String, String>> bagInfo(ArchiveApplication command, Retention retention, Instant archivedAt) {
        List<Map.Entry<String, String>> info = new ArrayList<>(List.of(
                Map.entry("Source-Organization", command.department()),
                Map.entry("External-Identifier", command.applicationId()),
                Map.entry("External-Description", "Tongban application file of item " + command.item()),
                Map.entry("Tongban-Item", command.item()),
                Map.entry("Tongban-Retention-Class", retention.retentionClass()),
                Map.entry("Tongban-Retain-Until", retention.retainUntil().toString()),
                Map.entry("Tongban-Submitted", command.submittedAt().toString()),
                Map.entry("Tongban-Decided", command.decidedAt().toString()),
                Map.entry("Tongban-Archived", archivedAt.toString()),
                Map.entry("Tongban-Pack-Version", command.packVersion())));
        command.certificate().ifPresent(c -> info.add(Map.entry("Tongban-Certificate-Id", c.certificateId().toString())));
        return info;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory(Files.createDirectories(WORK), "bag-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete the working folder {}: {}", directory, e.getMessage());
        }
    }
}
