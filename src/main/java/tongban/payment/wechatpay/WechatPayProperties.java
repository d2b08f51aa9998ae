package tongban.payment.wechatpay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tongban.payment.wechatpay.*}: the merchant's WeChat Pay API v3 settings. With no {@code merchant-id} the
 * embedded sandbox plays WeChat Pay (outside the {@code prod} profile; in it the channel is then off). Secrets are read
 * from files ({@code private-key-path}, {@code api-v3-key-file}), never from the configuration text, and never printed.
 *
 * @param merchantId             商户号
 * @param appId                  the AppID bound to the merchant (公众号/应用 AppID)
 * @param privateKeyPath         the merchant's API private key (商户API私钥, {@code apiclient_key.pem})
 * @param merchantSerialNumber   the serial number of the merchant's API certificate (商户API证书序列号)
 * @param apiV3KeyFile           a file holding the APIv3 key (APIv3密钥, 32 characters)
 * @param publicKeyId            WeChat Pay's public key id (微信支付公钥ID, {@code PUB_KEY_ID_…}), with
 * @param publicKeyPath          WeChat Pay's public key (微信支付公钥, {@code pub_key.pem}); or instead
 * @param platformCertificatePath WeChat Pay's platform certificate (微信支付平台证书), for merchants not yet moved to the public key
 * @param notifyUrl              where WeChat Pay sends notifications; by default the public base URL's
 *                               {@code /api/v1/payments/notify/wechatpay}
 * @param sandboxRetries         the sandbox's delays before each further attempt to deliver a notification that was
 *                               not taken (WeChat Pay's schedule by default: 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m,
 *                               30m, 60m, 3h, 3h, 3h, 6h, 6h)
 */
@ConfigurationProperties("tongban.payment.wechatpay")
record WechatPayProperties(String merchantId, String appId, Path privateKeyPath, String merchantSerialNumber,
                           Path apiV3KeyFile, String publicKeyId, Path publicKeyPath, Path platformCertificatePath,
                           String notifyUrl, List<Duration> sandboxRetries) {

    static final List<Duration> WECHAT_RETRIES = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60),
            Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6));

    WechatPayProperties {
        sandboxRetries = sandboxRetries == null || sandboxRetries.isEmpty() ? WECHAT_RETRIES : List.copyOf(sandboxRetries);
    }

    /** True when a merchant is configured: then WeChat Pay itself is called and the sandbox is off. */
    boolean merchantConfigured() {
        return !blank(merchantId);
    }

    /** The settings a configured merchant still lacks, each named. */
    List<String> missing() {
        List<String> found = new ArrayList<>();
        String prefix = "tongban.payment.wechatpay.";
        if (blank(appId)) {
            found.add(prefix + "app-id is not set: name the AppID bound to merchant " + merchantId);
        }
        if (privateKeyPath == null) {
            found.add(prefix + "private-key-path is not set: the merchant's API private key (apiclient_key.pem)");
        }
        if (blank(merchantSerialNumber)) {
            found.add(prefix + "merchant-serial-number is not set: the serial of the merchant's API certificate");
        }
        if (apiV3KeyFile == null) {
            found.add(prefix + "api-v3-key-file is not set: the file holding the APIv3 key");
        }
        boolean publicKey = !blank(publicKeyId) && publicKeyPath != null;
        if (!publicKey && platformCertificatePath == null) {
            found.add(prefix + "public-key-id and public-key-path (WeChat Pay's public key), or "
                    + "platform-certificate-path (its platform certificate), must be set: no answer or notification could be verified");
        }
        return found;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Names the files, never their contents. */
    @Override
    public String toString() {
        return "WechatPayProperties[merchantId=" + merchantId + ", appId=" + appId + ", privateKeyPath=" + privateKeyPath
                + ", merchantSerialNumber=" + merchantSerialNumber + ", apiV3KeyFile=" + apiV3KeyFile
                + ", publicKeyId=" + publicKeyId + ", publicKeyPath=" + publicKeyPath
                + ", platformCertificatePath=" + platformCertificatePath + ", notifyUrl=" + notifyUrl + "]";
    }
}
