package tongban.seal;

import java.nio.charset.StandardCharsets;

/** The cheap first test of "is this a PDF": {@code %PDF-} within the first 1024 bytes, as readers accept it. */
final class PdfHeader {

    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private PdfHeader() {
    }

    static boolean present(byte[] bytes) {
        if (bytes == null) {
            return false;
        }
        int limit = Math.min(bytes.length - MAGIC.length, 1024);
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < MAGIC.length; j++) {
                if (bytes[i + j] != MAGIC[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
