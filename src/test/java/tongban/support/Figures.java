package tongban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Figures a test measured (answers per status, times), printed and appended to {@code src/target/reliability/<name>.txt}. */
public final class Figures {

    private static final Path DIRECTORY = Path.of("src/target/reliability");

    private Figures() {
    }

    public static void record(String name, String line) {
        String stamped = Instant.now() + " " + line;
        System.out.println("[figures " + name + "] " + line);
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(name + ".txt"), stamped + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
