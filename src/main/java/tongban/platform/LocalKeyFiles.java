package tongban.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The embedded default's own secrets under {@code <data-dir>/keys}: made at the first start, written owner-only, read
 * at every later one, so they outlive a restart and two nodes on one data directory agree. Never logged.
 */
public final class LocalKeyFiles {

    private LocalKeyFiles() {
    }

    /** The file's text, or a new one written owner-only; of two nodes starting together, the first one's wins. */
    public static String readOrCreate(Path file, Supplier<String> made) throws IOException {
        if (!Files.exists(file)) {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, made.get(), StandardCharsets.US_ASCII);
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(temp);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** The RSA key (2048 bits, PKCS#8 PEM) in the file, made first if there is none. */
    public static RSAPrivateCrtKey rsaKey(Path file) throws IOException, GeneralSecurityException {
        String pem = readOrCreate(file, LocalKeyFiles::newRsaKey);
        String der = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(der)));
    }

    /** The public half of an RSA private key. */
    public static RSAPublicKey publicHalf(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static String newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
