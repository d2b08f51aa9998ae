package tongban.payment.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tongban.payment.PaymentChannel;
import tongban.platform.ProductionSafety;
import tongban.platform.PublicBaseUrl;

/**
 * The Alipay channel: for the merchant configured by {@code tongban.payment.alipay.*}, or, with none (and not in the
 * prod profile), for the embedded sandbox's merchant against the sandbox. In the prod profile without a merchant there
 * is no Alipay channel.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlipayProperties.class)
class AlipayConfiguration {

    /** The notification address: configured, or the public base URL's. */
    private static Supplier<URI> notifyUrl(AlipayProperties properties, PublicBaseUrl base) {
        return properties.notifyUrl() != null ? properties::notifyUrl
                : () -> URI.create(base.get() + "/api/v1/payments/notify/" + AlipayChannel.ID);
    }

    @Bean
    @Conditional(MerchantMode.class)
    PaymentChannel alipayChannel(AlipayProperties properties, PublicBaseUrl base) {
        return new AlipayChannel(new AlipayMerchant(properties.appId(), privateKey(properties),
                requiredAlipayKey(properties), properties::gateway, notifyUrl(properties, base)));
    }

    @Bean
    @Conditional(SandboxMode.class)
    AlipaySandbox alipaySandbox(@Value("${tongban.data-dir:data}") Path dataDir, PublicBaseUrl base, Clock clock) {
        return new AlipaySandbox(SandboxKeys.openOrCreate(dataDir.resolve("keys").resolve("alipay")), base::get, clock);
    }

    @Bean
    @Conditional(SandboxMode.class)
    PaymentChannel alipaySandboxChannel(AlipaySandbox sandbox, AlipayProperties properties, PublicBaseUrl base) {
        return new AlipayChannel(sandbox.merchant(notifyUrl(properties, base)));
    }

    private static String privateKey(AlipayProperties properties) {
        Path file = properties.privateKeyPath();
        if (file == null) {
            throw new IllegalStateException("tongban.payment.alipay.app-id is set but private-key-path is not: "
                    + "name the file with the application's private key (应用私钥)");
        }
        String key;
        try {
            key = SandboxKeys.base64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("tongban.payment.alipay.private-key-path " + file + " cannot be read", e);
        }
        try {
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tongban.payment.alipay.private-key-path " + file
                    + " holds no RSA private key in PKCS#8 (the form Alipay's key tool writes)");
        }
        return key;
    }

    private static String requiredAlipayKey(AlipayProperties properties) {
        if (properties.alipayPublicKey().isEmpty()) {
            throw new IllegalStateException("tongban.payment.alipay.app-id is set but alipay-public-key is not: "
                    + "copy Alipay's public key (支付宝公钥) from the open platform's console");
        }
        String key = SandboxKeys.base64(properties.alipayPublicKey());
        try {
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tongban.payment.alipay.alipay-public-key is not an RSA public key: copy "
                    + "Alipay's public key (支付宝公钥), not the application's, from the open platform's console");
        }
        return key;
    }

    /** A merchant is configured: the channel speaks to Alipay. */
    static final class MerchantMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().getProperty("tongban.payment.alipay.app-id", "").isBlank();
        }
    }

    /** No merchant and not the prod profile: the sandbox plays Alipay. */
    static final class SandboxMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new MerchantMode().matches(context, metadata) && !ProductionSafety.required(context.getEnvironment());
        }
    }
}
