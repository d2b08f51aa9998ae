package tongban.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The input checks shared by the commands; each failure names its field. */
final class Check {

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private Check() {
    }

    static void present(String field, Object value) {
        if (value == null) {
            throw new InvalidArchiveInputException(field, "is required");
        }
    }

    static void text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isBlank() || value.length() > maxLength) {
            throw new InvalidArchiveInputException(field, "must be 1 to " + maxLength + " characters, not blank");
        }
    }

    static void matches(String field, String value, Pattern pattern) {
        present(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidArchiveInputException(field, "must match " + pattern.pattern());
        }
    }

    static void bytes(String field, byte[] value) {
        present(field, value);
        if (value.length == 0) {
            throw new InvalidArchiveInputException(field, "is empty");
        }
    }

    static void pdf(String field, byte[] value) {
        bytes(field, value);
        if (value.length < PDF_MAGIC.length || !Arrays.equals(value, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            throw new InvalidArchiveInputException(field, "is not a PDF");
        }
    }
}
