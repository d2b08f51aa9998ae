package tongban.delivery;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The platform's account with a carrier: where its order API is (the embedded sandbox's when none is configured), the
 * customer code it gave us (SF 顾客编码 partnerID, EMS 协议客户号 ecCompanyId), the secret requests are signed with
 * (SF 校验码 checkword, EMS 签名密钥) and the secret its tracking notifications are signed with. The secrets never
 * appear in {@link #toString()} or a log.
 */
record CarrierAccount(String carrier, Supplier<URI> endpoint, boolean sandbox, String partnerId, String apiSecret,
                      String webhookSecret) {

    @Override
    public String toString() {
        return "CarrierAccount[" + carrier + (sandbox ? ", sandbox" : "") + "]";
    }
}
