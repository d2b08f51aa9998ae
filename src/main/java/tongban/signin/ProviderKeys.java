package tongban.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import tongban.platform.LocalKeyFiles;

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
        this.publicKey = LocalKeyFiles.publicHalf(signingKey);
        // the key's id names the key, not a start: a token signed before a restart still finds its key
        this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()), 0, 8);
        this.portalSecret = portalSecret;
    }

    static ProviderKeys openOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            RSAPrivateCrtKey key = LocalKeyFiles.rsaKey(directory.resolve("signing-key.pem"));
            String secret = LocalKeyFiles.readOrCreate(directory.resolve("portal-client-secret"), ProviderKeys::newSecret).strip();
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

    private static String newSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
    }
}
