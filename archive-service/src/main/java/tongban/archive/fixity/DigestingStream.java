package tongban.archive.fixity;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.IntConsumer;

/** Digests and counts every byte that passes, skipped ones included, so the digest is over the whole object. */
final class DigestingStream extends FilterInputStream {

    private final MessageDigest digest;
    private final IntConsumer counter;

    DigestingStream(InputStream in, MessageDigest digest, IntConsumer counter) {
        super(in);
        this.digest = digest;
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            digest.update((byte) b);
            counter.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            counter.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] skipped = new byte[(int) Math.min(n, 8192)];
        int read = read(skipped, 0, skipped.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
