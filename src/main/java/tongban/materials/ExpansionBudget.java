package tongban.materials;

import java.io.IOException;

/**
 * How many bytes the contents of a file's archives may expand to, all entries and levels together: the
 * compression ratio times the file's size, and never less than a megabyte, as Tika's SecureContentHandler
 * allows for characters. Binary entries (a zip of zeros) produce no characters, so only counting bytes finds them.
 */
final class ExpansionBudget {

    /** Below this, any ratio is fine: a small, highly compressible document is not a bomb. */
    static final long THRESHOLD = 1_000_000;

    private final long limit;
    private long spent;
    private boolean exceeded;

    private ExpansionBudget(long limit) {
        this.limit = limit;
    }

    static ExpansionBudget of(long fileSize, long ratio) {
        long limit = fileSize > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : fileSize * ratio;
        return new ExpansionBudget(Math.max(limit, THRESHOLD));
    }

    /** No budget: for the file itself, whose size is already limited. */
    static ExpansionBudget unlimited() {
        return new ExpansionBudget(Long.MAX_VALUE);
    }

    void spend(long bytes) throws IOException {
        spent += bytes;
        if (spent > limit) {
            exceeded = true;
            throw new IOException("expanded beyond " + limit + " bytes");
        }
    }

    boolean exceeded() {
        return exceeded;
    }

    long limit() {
        return limit;
    }
}
