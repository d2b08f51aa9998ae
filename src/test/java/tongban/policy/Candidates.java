package tongban.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Candidate packs for previews: a shipped pack's files, changed in memory, zipped as a policy officer would. */
final class Candidates {

    private final Map<String, String> files = new LinkedHashMap<>();

    private Candidates() {
    }

    /** The files of {@code rules/<item>/}, names relative to the pack ({@code tests/fees.yaml}). */
    static Candidates shipped(String item) {
        Candidates c = new Candidates();
        Path dir = Path.of("rules", item);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                c.files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** Replaces every occurrence of {@code from} in a file, failing if there is none. */
    Candidates replace(String file, String from, String to) {
        String text = files.get(file);
        if (text == null || !text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain: " + from);
        }
        files.put(file, text.replace(from, to));
        return this;
    }

    /** The pack zipped in a folder named {@code folder}, or at the zip's root when it is empty. */
    byte[] zip(String folder) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((name, text) -> entries.put(folder.isEmpty() ? name : folder + "/" + name,
                text.getBytes(StandardCharsets.UTF_8)));
        return zip(entries);
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
