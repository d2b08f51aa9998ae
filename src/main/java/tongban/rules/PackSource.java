package tongban.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one pack as read from disk: {@code item.yaml}, the DRL files, data files such as
 * {@code scopes.csv}, and the scenarios under {@code tests/}. {@code version} is a content hash of
 * everything but the scenarios, so the same rules give the same version on every node.
 */
record PackSource(String item, String displayDir, Map<String, String> files, Map<String, String> scenarios,
                  String version) {

    static final String ITEM_FILE = "item.yaml";

    static List<PackSource> readAll(Path rulesDir) {
        if (!Files.isDirectory(rulesDir)) {
            throw new UncheckedIOException(new IOException("rule pack directory not found: " + rulesDir.toAbsolutePath()));
        }
        try (Stream<Path> dirs = Files.list(rulesDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(ITEM_FILE)))
                    .sorted()
                    .map(d -> read(d, rulesDir.toAbsolutePath().normalize().getFileName() + "/" + d.getFileName()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PackSource read(Path dir, String displayDir) {
        return new PackSource(dir.getFileName().toString(), displayDir, readFiles(dir), readFiles(dir.resolve("tests")),
                null).withVersion();
    }

    /**
     * A pack that is not on disk (a candidate uploaded for an impact preview), under {@code displayDir} in its
     * error messages; the version is computed as for a pack read from {@code rules/}.
     */
    static PackSource of(String item, String displayDir, Map<String, String> files, Map<String, String> scenarios) {
        // in name order, as read from disk, so the same files give the same version
        return new PackSource(item, displayDir, new LinkedHashMap<>(new TreeMap<>(files)),
                new LinkedHashMap<>(new TreeMap<>(scenarios)), null).withVersion();
    }

    private static Map<String, String> readFiles(Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private PackSource withVersion() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, text) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return new PackSource(item, displayDir, files, scenarios, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path a policy officer knows the file by, such as {@code rules/residence-permit/visits.drl}. */
    String path(String file) {
        return displayDir + "/" + file;
    }

    Map<String, String> drlFiles() {
        Map<String, String> drl = new LinkedHashMap<>();
        files.forEach((name, text) -> {
            if (name.endsWith(".drl")) {
                drl.put(name, text);
            }
        });
        return drl;
    }
}
