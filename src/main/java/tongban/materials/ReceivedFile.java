package tongban.materials;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One uploaded file for a material (材料), as received: the material code it was sent for, the file name and
 * Content-Type the client gave (either may be null), and its bytes, copied in and out so the value never changes.
 */
public record ReceivedFile(String material, String filename, String declaredType, byte[] bytes) {

    public ReceivedFile {
        Objects.requireNonNull(material, "material");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The size in bytes. */
    public long size() {
        return bytes.length;
    }

    /** SHA-256 of the bytes, lower-case hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The bytes to read, without a copy. */
    InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedFile that && material.equals(that.material)
                && Objects.equals(filename, that.filename) && Objects.equals(declaredType, that.declaredType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(material, filename, declaredType, Arrays.hashCode(bytes));
    }

    /** Without the bytes, which may be large and personal. */
    @Override
    public String toString() {
        return "ReceivedFile[material=" + material + ", filename=" + filename + ", declaredType=" + declaredType
                + ", size=" + bytes.length + "]";
    }
}
