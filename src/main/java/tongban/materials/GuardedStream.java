package tongban.materials;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A stream that stops when its inspection is cancelled (most parsers never look at the interrupt flag, but they
 * all read) and, for the contents of archives, counts every byte against the expansion budget.
 */
final class GuardedStream extends FilterInputStream {

    private final ExpansionBudget budget;

    GuardedStream(InputStream in, ExpansionBudget budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        checkInterrupt();
        int b = super.read();
        if (b >= 0) {
            budget.spend(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkInterrupt();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            budget.spend(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes are expanded bytes too: read them through the budget
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    static void checkInterrupt() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("inspection cancelled");
        }
    }
}
