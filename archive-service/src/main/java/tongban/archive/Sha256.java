package tongban.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex digits: the fixity value recorded for every archived object. */
public record Sha256(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
    }

    public static Sha256 of(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return of(digest);
    }

    /** Reads the stream to its end; the caller closes it. */
    public static Sha256 of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return of(digest);
    }

    public static Sha256 parse(String hex) {
        return new Sha256(hex.toLowerCase(Locale.ROOT));
    }

    /** A fresh SHA-256 digest; every JDK has one. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest's value, which also resets it. */
    public static Sha256 of(MessageDigest digest) {
        return new Sha256(HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public String toString() {
        return hex;
    }
}
