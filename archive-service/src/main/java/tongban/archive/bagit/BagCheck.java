package tongban.archive.bagit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tongban.archive.Sha256;

/**
 * Checks a zipped bag as it streams past, in one pass: every file's SHA-256 against {@code manifest-sha256.txt}
 * (payload) and {@code tagmanifest-sha256.txt} (tag files), no payload file missing or unlisted, {@code bagit.txt}
 * present. The stream is read to its end, so a digest around it sees every byte.
 */
public final class BagCheck {

    private static final List<String> REQUIRED = List.of("bagit.txt", "manifest-sha256.txt", "bag-info.txt");
    private static final List<String> MANIFESTS = List.of("manifest-sha256.txt", "tagmanifest-sha256.txt");

    private BagCheck() {
    }

    /** The problems found, each naming the file; empty when the bag is complete and valid. */
    public static List<String> verify(InputStream zipped) throws IOException {
        Map<String, Sha256> digests = new TreeMap<>();
        Map<String, byte[]> manifests = new HashMap<>();
        byte[] buffer = new byte[64 * 1024];
        ZipInputStream zip = new ZipInputStream(zipped, StandardCharsets.UTF_8);
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            if (entry.isDirectory()) {
                continue;
            }
            String name = entry.getName();
            String path = name.indexOf('/') >= 0 ? name.substring(name.indexOf('/') + 1) : name;
            MessageDigest digest = Sha256.newDigest();
            ByteArrayOutputStream kept = MANIFESTS.contains(path) ? new ByteArrayOutputStream() : null;
            for (int n; (n = zip.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
            }
            digests.put(path, Sha256.of(digest));
            if (kept != null) {
                manifests.put(path, kept.toByteArray());
            }
        }
        zipped.transferTo(OutputStream.nullOutputStream()); // the central directory, which ZipInputStream skips
        List<String> problems = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!digests.containsKey(required)) {
                problems.add(required + " is missing");
            }
        }
        Map<String, Sha256> payload = parse(manifests.get("manifest-sha256.txt"), "manifest-sha256.txt", problems);
        Map<String, Sha256> tags = parse(manifests.get("tagmanifest-sha256.txt"), "tagmanifest-sha256.txt", problems);
        compare(payload, digests, problems);
        compare(tags, digests, problems);
        digests.keySet().stream()
                .filter(path -> path.startsWith("data/") && !payload.containsKey(path))
                .forEach(path -> problems.add(path + " is not in manifest-sha256.txt"));
        return problems;
    }

    private static void compare(Map<String, Sha256> listed, Map<String, Sha256> read, List<String> problems) {
        listed.forEach((path, expected) -> {
            Sha256 actual = read.get(path);
            if (actual == null) {
                problems.add(path + " is listed but missing");
            } else if (!actual.equals(expected)) {
                problems.add(path + ": manifest SHA-256 " + expected + ", content " + actual);
            }
        });
    }

    private static Map<String, Sha256> parse(byte[] manifest, String name, List<String> problems) {
        Map<String, Sha256> entries = new TreeMap<>();
        if (manifest == null) {
            return entries;
        }
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\r\n|\n|\r")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            try {
                // RFC 8493 §2.1.3: CR, LF and % in paths are percent-encoded
                entries.put(decode(parts[1].trim()), Sha256.parse(parts[0]));
            } catch (RuntimeException e) {
                problems.add(name + " has a malformed line");
            }
        }
        return entries;
    }

    private static String decode(String path) {
        return path.contains("%") ? URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8) : path;
    }
}
