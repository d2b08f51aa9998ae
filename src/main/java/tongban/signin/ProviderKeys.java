package tongban.signin;

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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The embedded provider's secrets, made at its first start and kept under {@code <data-dir>/keys/signin} (owner-only
 * files, like the other local keys), so tokens and sessions outlive a restart and two nodes on one data directory
 * agree: the RS256 signing key (PKCS#8 PEM) and the portal client's secret. Never logged.
 */
final class ProviderKeys {

    private final RSAPrivateCrtKey signingKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final String portalSecret;

    private ProviderKeys(RSAPrivateCrtKey signingKey, String portalSecret) throws GeneralSecurityException {
        this.signingKey = signingKey;
        this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(signingKey.getModulus(), signingKey.getPublicExponent()));
        // the key's id names the key, not a start: a token signed before a restart still finds its key
        this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()), 0, 8);
        this.portalSecret = portalSecret;
    }

    static ProviderKeys openOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            String pem = readOrCreate(directory.resolve("signing-key.pem"), ProviderKeys::newSigningKey);
            String der = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(der)));
            String secret = readOrCreate(directory.resolve("portal-client-secret"), ProviderKeys::newSecret).strip();
            return new ProviderKeys(key, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded identity provider's keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the embedded identity provider's signing key in " + directory
                    + " is not an RSA key: remove it to have a new one made", e);
        }
    }

    RSAPrivateCrtKey signingKey() {
        return signingKey;
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    String keyId() {
        return keyId;
    }

    String portalSecret() {
        return portalSecret;
    }

    /** The file's text, or a new one written owner-only; of two nodes starting together, the first one's wins. */
    private static String readOrCreate(Path file, java.util.function.Supplier<String> made) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, made.get(), StandardCharsets.US_ASCII);
            Files.move(temp, file);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(temp);
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static String newSigningKey() {
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

    private static String newSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
    }
}
