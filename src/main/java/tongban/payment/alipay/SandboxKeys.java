package tongban.payment.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The sandbox's two RSA 2048 key pairs, made at its first start and kept owner-only under
 * {@code <data-dir>/keys/alipay}: the merchant application's (应用私钥; the sandbox knows its public key, as Alipay knows
 * the one a merchant uploads) and "Alipay's" (支付宝私钥, whose public key the channel checks answers and notifications
 * with). Each as the SDK takes it: Base64 PKCS#8 private, Base64 X.509 public. Never logged.
 */
record SandboxKeys(String appPrivateKey, String appPublicKey, String alipayPrivateKey, String alipayPublicKey) {

    static SandboxKeys openOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            String app = readOrCreate(directory.resolve("app-private-key.pem"));
            String alipay = readOrCreate(directory.resolve("alipay-private-key.pem"));
            return new SandboxKeys(app, publicOf(app), alipay, publicOf(alipay));
        } catch (IOException e) {
            throw new UncheckedIOException("the Alipay sandbox's keys in " + directory, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a key of the Alipay sandbox in " + directory
                    + " is not an RSA key: remove the directory to have new ones made", e);
        }
    }

    /** The bare Base64 of a PKCS#8 key in PEM, or of a file that holds just that (as Alipay's key tool writes it). */
    static String base64(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String publicOf(String privateKey) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
        return Base64.getEncoder().encodeToString(rsa.generatePublic(
                new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
    }

    /** The key in the file, or a new one written owner-only; of two nodes starting together, the first one's wins. */
    private static String readOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, pem, StandardCharsets.US_ASCII);
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(temp);
            }
        }
        return base64(Files.readString(file, StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SandboxKeys[(hidden)]";
    }
}
