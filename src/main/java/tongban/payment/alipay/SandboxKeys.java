package tongban.payment.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import tongban.platform.LocalKeyFiles;

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
            RSAPrivateCrtKey app = LocalKeyFiles.rsaKey(directory.resolve("app-private-key.pem"));
            RSAPrivateCrtKey alipay = LocalKeyFiles.rsaKey(directory.resolve("alipay-private-key.pem"));
            return new SandboxKeys(base64(app), base64(LocalKeyFiles.publicHalf(app)), base64(alipay),
                    base64(LocalKeyFiles.publicHalf(alipay)));
        } catch (IOException e) {
            throw new UncheckedIOException("the Alipay sandbox's keys in " + directory, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("a key of the Alipay sandbox in " + directory
                    + " is not an RSA key: remove the directory to have new ones made", e);
        }
    }

    /** The bare Base64 of a PKCS#8 key in PEM, or of a file that holds just that (as Alipay's key tool writes it). */
    static String base64(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String base64(Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    @Override
    public String toString() {
        return "SandboxKeys[(hidden)]";
    }
}
