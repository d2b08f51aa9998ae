package tongban.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a carrier's tracking notification: Base64 of HMAC-SHA256, under the carrier's notification secret,
 * over {@code timestamp + "\n" + nonce + "\n" + body + "\n"}, sent in {@code X-Carrier-Signature} with the timestamp
 * (epoch seconds) in {@code X-Carrier-Timestamp} and the nonce in {@code X-Carrier-Nonce}.
 */
final class NotificationSignature {

    static final String TIMESTAMP = "X-Carrier-Timestamp";
    static final String NONCE = "X-Carrier-Nonce";
    static final String SIGNATURE = "X-Carrier-Signature";

    private NotificationSignature() {
    }

    static String sign(String secret, String timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            mac.update((byte) '\n');
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is the one of this notification, compared in constant time. */
    static boolean verify(String secret, String timestamp, String nonce, byte[] body, String signature) {
        byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
