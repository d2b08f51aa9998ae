package tongban.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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

    /**
     * A pack sent as a zip: its files at the top or in one folder, the scenarios under {@code tests/}. Anything
     * else (another folder, a file that is not UTF-8 text, an entry over 1 MB) is refused with the entry's name.
     */
    static PackSource fromZip(String item, byte[] zip) {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> scenarios = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    byte[] bytes = in.readNBytes(MAX_ENTRY + 1);
                    if (bytes.length > MAX_ENTRY) {
                        throw new InvalidZip(e.getName() + " is larger than 1 MB");
                    }
                    names.add(e.getName());
                    entries.put(e.getName(), bytes);
                }
            }
            // one enclosing folder (a zip of rules/<item>) is taken off
            String prefix = names.stream().noneMatch(n -> n.equals(ITEM_FILE)) && !names.isEmpty() && names.get(0).contains("/")
                    ? names.get(0).substring(0, names.get(0).indexOf('/') + 1) : "";
            for (var entry : entries.entrySet()) {
                String name = entry.getKey();
                if (!name.startsWith(prefix)) {
                    throw new InvalidZip(name + " is outside the pack's folder " + prefix);
                }
                String relative = name.substring(prefix.length());
                String text = utf8(name, entry.getValue());
                if (relative.startsWith("tests/") && relative.indexOf('/', 6) < 0) {
                    scenarios.put(relative.substring(6), text);
                } else if (relative.indexOf('/') < 0 && !relative.isEmpty()) {
                    files.put(relative, text);
                } else {
                    throw new InvalidZip(name + ": a pack holds files and tests/ only");
                }
            }
        } catch (IOException e) {
            throw new InvalidZip("not a readable zip: " + e.getMessage());
        }
        if (!files.containsKey(ITEM_FILE)) {
            throw new InvalidZip("the zip holds no item.yaml");
        }
        return new PackSource(item, "rules/" + item, new LinkedHashMap<>(files), new LinkedHashMap<>(scenarios), null)
                .withVersion();
    }

    /** The pack as a zip of {@code item.yaml}, rules, data and {@code tests/}; the same files give the same bytes. */
    byte[] toZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (var f : new TreeMap<>(files).entrySet()) {
                entry(out, f.getKey(), f.getValue());
            }
            for (var f : new TreeMap<>(scenarios).entrySet()) {
                entry(out, "tests/" + f.getKey(), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip the publisher cannot read as a pack; the message names the entry at fault. */
    static final class InvalidZip extends RuntimeException {
        InvalidZip(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_ENTRY = 1 << 20;

    private static void entry(ZipOutputStream out, String name, String text) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        out.putNextEntry(entry);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static String utf8(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidZip(name + " is not UTF-8 text");
        }
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
