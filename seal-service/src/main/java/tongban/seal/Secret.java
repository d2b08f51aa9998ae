package tongban.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A password or PIN (口令). Its {@link #toString()} never shows the value, so configuration records can be logged.
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /** A secret given directly, e.g. from an environment variable. */
    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** A secret read from the first line of a file (trailing line break removed). */
    public static Secret readFrom(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return of((end < 0 ? text : text.substring(0, end)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    /** A copy of the value; callers clear it when done. */
    public char[] reveal() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
