package tongban.payment.alipay;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tongban.payment.alipay.*}: the merchant's application at Alipay (支付宝开放平台). With no {@code app-id} the
 * embedded sandbox plays Alipay (not in the prod profile, where the channel is then absent). The application's private
 * key is read from a file, never from the configuration text; Alipay's public key is public.
 *
 * @param appId           the application's APPID
 * @param privateKeyPath  the application's private key (应用私钥), RSA 2048, PKCS#8, PEM or the bare Base64 text
 *                        Alipay's key tool writes
 * @param alipayPublicKey Alipay's public key (支付宝公钥) as Alipay's console shows it (Base64 of the X.509 key)
 * @param gateway         Alipay's gateway; {@code https://openapi.alipay.com/gateway.do} when unset
 * @param notifyUrl       where Alipay posts its notifications; the public base URL's
 *                        {@code /api/v1/payments/notify/alipay} when unset
 */
@ConfigurationProperties("tongban.payment.alipay")
record AlipayProperties(String appId, Path privateKeyPath, String alipayPublicKey, URI gateway, URI notifyUrl) {

    static final URI ALIPAY_GATEWAY = URI.create("https://openapi.alipay.com/gateway.do");

    AlipayProperties {
        appId = appId == null ? "" : appId.strip();
        alipayPublicKey = alipayPublicKey == null ? "" : alipayPublicKey.strip();
        gateway = gateway == null ? ALIPAY_GATEWAY : gateway;
    }

    /** True when a merchant is configured: then the sandbox is off. */
    boolean merchantConfigured() {
        return !appId.isEmpty();
    }
}
