package tongban.payment.alipay;

import java.net.URI;
import java.util.function.Supplier;

/**
 * What the channel needs to speak for the merchant: its APPID, its private key (Base64 PKCS#8, the form the SDK
 * takes), Alipay's public key (Base64 X.509), the gateway and the notification address. The last two are asked when
 * used, since the sandbox's address is known only once the server has its port. Its text never shows the private key.
 */
record AlipayMerchant(String appId, String privateKey, String alipayPublicKey, Supplier<URI> gateway,
                      Supplier<URI> notifyUrl) {

    @Override
    public String toString() {
        return "AlipayMerchant[appId=" + appId + ", privateKey=(hidden)]";
    }
}
