package tongban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.util.FileSystemUtils;

/**
 * Folders a test class keeps for the whole JVM (a data folder a Spring context or a child process writes to until the
 * end): removed, with what they hold, when the JVM exits, so a test run leaves nothing in the temporary folder.
 */
public final class TempFolders {

    private static final List<Path> AT_EXIT = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AT_EXIT.forEach(TempFolders::deleteQuietly),
                "temp-folders-cleanup"));
    }

    private TempFolders() {
    }

    /** A new folder in the temporary folder, named from {@code prefix}, removed when the JVM exits. */
    public static Path create(String prefix) {
        try {
            return deleteAtExit(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code path} (a file, or a folder with all it holds) when the JVM exits. */
    public static Path deleteAtExit(Path path) {
        AT_EXIT.add(path);
        return path;
    }

    private static void deleteQuietly(Path path) {
        try {
            FileSystemUtils.deleteRecursively(path);
        } catch (IOException e) {
            System.err.println("cannot remove " + path + ": " + e.getMessage());
        }
    }
}
