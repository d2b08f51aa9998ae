package tongban.archive.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import tongban.archive.Sha256;

/**
 * The PostgreSQL binaries bundled in the zonky jar, unpacked once into a cache folder, and handed to zonky as a
 * small archive of two launcher scripts ({@code bin/initdb}, {@code bin/pg_ctl}) that run the real programs.
 * Why: initdb and pg_ctl refuse to run as root (CI runs as root). When the JVM is root the scripts start them
 * through {@code unshare --user}: in a fresh user namespace the same process is the unmapped uid 65534, which
 * PostgreSQL accepts, and it still owns the files it creates. For any other user the scripts just exec.
 */
final class PostgresBinaries implements PgBinaryResolver {

    private static final String[] LAUNCHED = {"initdb", "pg_ctl"};
    private final byte[] launchers;

    private PostgresBinaries(byte[] launchers) {
        this.launchers = launchers;
    }

    /** Unpacks the bundled binaries under {@code cache} (once per version) and prepares the launchers. */
    static PostgresBinaries prepare(Path cache) {
        try {
            Path bin = unpack(cache);
            return new PostgresBinaries(launcherArchive(bin));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL binaries under " + cache, e);
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) {
        return new ByteArrayInputStream(launchers);
    }

    private static Path unpack(Path cache) throws IOException {
        byte[] bundled;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            if (in == null) {
                throw new IOException("no PostgreSQL binaries for Linux x86_64 on the class path");
            }
            bundled = in.readAllBytes();
        }
        Path home = cache.resolve("postgres-" + Sha256.of(bundled).hex().substring(0, 16));
        Path done = home.resolve(".unpacked");
        if (Files.exists(done)) {
            return home.resolve("bin");
        }
        // unpack beside, then move: a crash midway never leaves a half folder that looks complete
        Files.createDirectories(cache);
        Path partial = Files.createTempDirectory(cache, "unpacking-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(bundled)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        Files.createFile(partial.resolve(".unpacked"));
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.exists(done)) {
                throw raced;
            }
            // another JVM unpacked the same version first
        }
        return home.resolve("bin");
    }

    private static byte[] launcherArchive(Path bin) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            for (String program : LAUNCHED) {
                String real = bin.resolve(program).toAbsolutePath().toString().replace("'", "'\\''");
                byte[] script = ("#!/bin/sh\n"
                        + "if [ \"$(id -u)\" = 0 ]; then exec unshare --user '" + real + "' \"$@\"; fi\n"
                        + "exec '" + real + "' \"$@\"\n").getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry("bin/" + program);
                entry.setSize(script.length);
                entry.setMode(0755);
                tar.putArchiveEntry(entry);
                tar.write(script);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
