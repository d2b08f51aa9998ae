package tongban.payment.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import tongban.payment.PaymentChannel.NotificationRequest;

/**
 * Alipay notifications as a test writes them: a genuine one's fields, changed and signed again with the embedded
 * sandbox's "Alipay" private key (a correctly signed notification of another amount, another order, another state), or
 * signed with a key that is not Alipay's (a forgery). For tests outside this package, which cannot see the sandbox.
 */
public final class AlipayNotifications {

    private static final String FORM = "application/x-www-form-urlencoded;charset=utf-8";

    private final String alipayKey;

    /** For the sandbox of the application in {@code context}. */
    public AlipayNotifications(ApplicationContext context) {
        this(context.getBean(AlipaySandbox.class).keys().alipayPrivateKey());
    }

    AlipayNotifications(String alipayKey) {
        this.alipayKey = alipayKey;
    }

    /** The notification's form fields. */
    public static Map<String, String> fields(NotificationRequest notification) {
        return new HashMap<>(AlipayChannel.form(notification.body()));
    }

    /** The fields as Alipay would post them, signed with "Alipay's" key. */
    public NotificationRequest signed(Map<String, String> fields) {
        return request(AlipaySandbox.formBody(AlipaySandbox.signed(fields, alipayKey)));
    }

    /** The fields signed with a key of the forger's own. */
    public static NotificationRequest forged(Map<String, String> fields) {
        return request(AlipaySandbox.formBody(AlipaySandbox.signed(fields, otherKey())));
    }

    /** The fields as they are, their signature (if any) untouched. */
    public static NotificationRequest unsigned(Map<String, String> fields) {
        return request(AlipaySandbox.formBody(fields));
    }

    static NotificationRequest request(String body) {
        return new NotificationRequest(Map.of("content-type", FORM), body.getBytes(StandardCharsets.UTF_8), FORM);
    }

    /** A new RSA 2048 private key, Base64 PKCS#8 as the SDK takes it. */
    static String otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
