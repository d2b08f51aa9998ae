package tongban.payment.wechatpay;

import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.HexFormat;
import tongban.platform.LocalKeyFiles;

/**
 * The embedded sandbox's keys, made at its first start under {@code <data-dir>/keys/wechatpay-sandbox} (owner-only
 * files, never logged, never in git): the merchant's API key (商户API私钥, whose public half the sandbox knows as WeChat
 * Pay knows the merchant's certificate; its serial names it), WeChat Pay's own signing key (its public half is the
 * 微信支付公钥 the channel verifies with, under its public key id) and the APIv3 key (APIv3密钥) notifications are
 * encrypted with. Two nodes on one data directory agree.
 */
record SandboxKeys(PrivateKey merchantKey, PublicKey merchantPublicKey, String merchantSerial, PrivateKey platformKey,
                   PublicKey platformPublicKey, String publicKeyId, String apiV3Key) {

    static final String MERCHANT_ID = "1900000001";
    static final String APP_ID = "wx00000000sandbox0";

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static SandboxKeys openOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            RSAPrivateCrtKey merchant = LocalKeyFiles.rsaKey(directory.resolve("merchant-key.pem"));
            RSAPrivateCrtKey platform = LocalKeyFiles.rsaKey(directory.resolve("wechatpay-key.pem"));
            String apiV3 = LocalKeyFiles.readOrCreate(directory.resolve("api-v3-key"), () -> alphanumeric(32) + "\n").strip();
            PublicKey merchantPublic = LocalKeyFiles.publicHalf(merchant);
            PublicKey platformPublic = LocalKeyFiles.publicHalf(platform);
            // WeChat Pay's serials are 40 hex digits, its public key ids PUB_KEY_ID_ and digits; here both name the key
            return new SandboxKeys(merchant, merchantPublic,
                    HexFormat.of().withUpperCase().formatHex(digest(merchantPublic), 0, 20), platform, platformPublic,
                    "PUB_KEY_ID_" + new BigInteger(1, digest(platformPublic)).toString().substring(0, 24), apiV3);
        } catch (IOException e) {
            throw new UncheckedIOException("the WeChat Pay sandbox's keys in " + directory, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the WeChat Pay sandbox's keys in " + directory
                    + " are not RSA keys: remove them to have new ones made", e);
        }
    }

    /** WeChat Pay's signature (SHA256withRSA, base64) of a message, as on its answers and notifications. */
    String signAsWechatPay(String message) {
        return new RSASigner(publicKeyId, platformKey).sign(message).getSign();
    }

    /** Whether the merchant signed the message with its API key of the serial named, as WeChat Pay checks a request. */
    boolean signedByMerchant(String serial, String message, String signature) {
        try {
            return new RSAVerifier(merchantPublicKey, merchantSerial).verify(serial, message, signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Random letters and digits, as WeChat Pay's keys and nonces are made of. */
    static String alphanumeric(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }

    /** Names the keys, never shows them. */
    @Override
    public String toString() {
        return "SandboxKeys[merchant " + MERCHANT_ID + ", serial " + merchantSerial + ", " + publicKeyId + "]";
    }

    private static byte[] digest(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    }
}
