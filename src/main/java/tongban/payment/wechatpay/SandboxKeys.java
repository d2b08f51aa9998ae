package tongban.payment.wechatpay;

import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.util.PemUtil;
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
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The embedded sandbox's keys, made at its first start under {@code <data-dir>/keys/wechatpay-sandbox} (owner-only
 * files, never logged, never in git): the merchant's API key (商户API私钥, whose public half the sandbox knows as WeChat
 * Pay knows the merchant's certificate), WeChat Pay's own signing key (its public half is the 微信支付公钥 the channel
 * verifies with) and the APIv3 key (APIv3密钥) notifications are encrypted with. Two nodes on one data directory agree.
 */
final class SandboxKeys {

    static final String MERCHANT_ID = "1900000001";
    static final String APP_ID = "wx00000000sandbox0";

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey merchantKey;
    private final PublicKey merchantPublicKey;
    private final String merchantSerial;
    private final PrivateKey platformKey;
    private final PublicKey platformPublicKey;
    private final String publicKeyId;
    private final String apiV3Key;

    private SandboxKeys(RSAPrivateCrtKey merchantKey, RSAPrivateCrtKey platformKey, String apiV3Key)
            throws GeneralSecurityException {
        this.merchantKey = merchantKey;
        this.merchantPublicKey = publicHalf(merchantKey);
        // WeChat Pay's serials are 40 hex digits, its public key ids PUB_KEY_ID_ and digits; here both name the key
        this.merchantSerial = HexFormat.of().withUpperCase().formatHex(digest(merchantPublicKey), 0, 20);
        this.platformKey = platformKey;
        this.platformPublicKey = publicHalf(platformKey);
        this.publicKeyId = "PUB_KEY_ID_" + new java.math.BigInteger(1, digest(platformPublicKey)).toString().substring(0, 24);
        this.apiV3Key = apiV3Key;
    }

    static SandboxKeys openOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            RSAPrivateCrtKey merchant = (RSAPrivateCrtKey) PemUtil.loadPrivateKeyFromString(
                    readOrCreate(directory.resolve("merchant-key.pem"), SandboxKeys::newKey));
            RSAPrivateCrtKey platform = (RSAPrivateCrtKey) PemUtil.loadPrivateKeyFromString(
                    readOrCreate(directory.resolve("wechatpay-key.pem"), SandboxKeys::newKey));
            String apiV3 = readOrCreate(directory.resolve("api-v3-key"), SandboxKeys::newApiV3Key).strip();
            return new SandboxKeys(merchant, platform, apiV3);
        } catch (IOException e) {
            throw new UncheckedIOException("the WeChat Pay sandbox's keys in " + directory, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the WeChat Pay sandbox's keys in " + directory
                    + " are not RSA keys: remove them to have new ones made", e);
        }
    }

    PrivateKey merchantKey() {
        return merchantKey;
    }

    PublicKey merchantPublicKey() {
        return merchantPublicKey;
    }

    String merchantSerial() {
        return merchantSerial;
    }

    PrivateKey platformKey() {
        return platformKey;
    }

    PublicKey platformPublicKey() {
        return platformPublicKey;
    }

    String publicKeyId() {
        return publicKeyId;
    }

    String apiV3Key() {
        return apiV3Key;
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

    @Override
    public String toString() {
        return "SandboxKeys[merchant " + MERCHANT_ID + ", serial " + merchantSerial + ", " + publicKeyId + "]";
    }

    private static PublicKey publicHalf(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static byte[] digest(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    }

    /** The file's text, or a new one written owner-only; of two nodes starting together, the first one's wins. */
    private static String readOrCreate(Path file, Supplier<String> made) throws IOException {
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

    private static String newKey() {
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

    /** 32 characters, as WeChat Pay's merchant platform asks of an APIv3 key. */
    private static String newApiV3Key() {
        return alphanumeric(32) + "\n";
    }

    /** Random letters and digits, as WeChat Pay's keys and nonces are made of. */
    static String alphanumeric(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }
}
