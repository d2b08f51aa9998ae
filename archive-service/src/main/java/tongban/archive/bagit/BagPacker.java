package tongban.archive.bagit;

import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.domain.Metadata;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tongban.archive.Sha256;

/**
 * Makes a BagIt bag (RFC 8493) with the Library of Congress' bagit library: payload under {@code data/},
 * {@code manifest-sha256.txt}, {@code tagmanifest-sha256.txt}, {@code bagit.txt} and {@code bag-info.txt}; checks it
 * is valid; and zips it with the bag's name as the one top folder, the usual way to ship a bag as one file.
 */
public final class BagPacker {

    /** A payload file: its path under {@code data/} ('/'-separated) and its bytes. */
    public record PayloadFile(String path, byte[] content) {
    }

    /** The zipped bag, with what the registry keeps of it. */
    public record PackedBag(Path zip, int payloadFiles, long payloadBytes, Sha256 manifestSha256, Sha256 sha256, long size) {
    }

    private BagPacker() {
    }

    /**
     * The payload's identity whatever the bag's dates: SHA-256 over its manifest lines ({@code <sha256>  data/<path>}),
     * sorted, one per line.
     */
    public static Sha256 manifestSha256(List<PayloadFile> payload) {
        StringBuilder lines = new StringBuilder();
        payload.stream()
                .map(file -> Sha256.of(file.content()).hex() + "  data/" + file.path() + "\n")
                .sorted()
                .forEach(lines::append);
        return Sha256.of(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Bags {@code payload} with {@code bagInfo} under {@code workDirectory}, validates it, and zips it there. */
    public static PackedBag pack(String bagName, List<PayloadFile> payload, List<Map.Entry<String, String>> bagInfo,
                                 Path workDirectory) throws IOException {
        Path root = workDirectory.resolve(bagName);
        long payloadBytes = 0;
        for (PayloadFile file : payload) {
            Path target = root.resolve(file.path()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IllegalArgumentException("payload path outside the bag: " + file.path());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.content());
            payloadBytes += file.content().length;
        }
        Metadata metadata = new Metadata();
        bagInfo.forEach(field -> metadata.add(field.getKey(), field.getValue()));
        try (BagVerifier verifier = new BagVerifier()) {
            Bag bag = BagCreator.bagInPlace(root, List.of(StandardSupportedAlgorithms.SHA256), false, metadata);
            verifier.isValid(bag, false);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // the library signals an invalid bag with a dozen checked exceptions; none can be fixed by the caller
            throw new IllegalStateException("the bag made for " + bagName + " is not valid", e);
        }
        Path zip = workDirectory.resolve(bagName + ".zip");
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream file = Files.newOutputStream(zip);
             ZipOutputStream out = new ZipOutputStream(new DigestOutputStream(file, digest), StandardCharsets.UTF_8);
             Stream<Path> files = Files.walk(root)) {
            for (Path path : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                out.putNextEntry(new ZipEntry(bagName + "/" + root.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return new PackedBag(zip, payload.size(), payloadBytes, manifestSha256(payload), Sha256.of(digest), Files.size(zip));
    }
}
