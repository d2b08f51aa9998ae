package tongban.payment.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import com.alipay.api.internal.util.AlipayLogger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
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

    static {
        // the SDK would log whole requests and answers (buyers' accounts, signatures) on errors
        AlipayLogger.setNeedEnableLogger(false);
    }

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

    /**
     * The sandbox's paths: Alipay and payers call them without our login (and without our CSRF token), as they would
     * call Alipay. When the sandbox is off nothing answers there: 404.
     */
    @Bean
    @Order(2)
    SecurityFilterChain alipaySandboxPaths(HttpSecurity http) throws Exception {
        http.securityMatcher("/sandbox/alipay/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    private static String privateKey(AlipayProperties properties) {
        Path file = properties.privateKeyPath();
        if (file == null) {
            throw new IllegalStateException("tongban.payment.alipay.app-id is set but private-key-path is not: "
                    + "name the file with the application's private key (应用私钥)");
        }
        try {
            return SandboxKeys.base64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("tongban.payment.alipay.private-key-path " + file + " cannot be read", e);
        }
    }

    private static String requiredAlipayKey(AlipayProperties properties) {
        if (properties.alipayPublicKey().isEmpty()) {
            throw new IllegalStateException("tongban.payment.alipay.app-id is set but alipay-public-key is not: "
                    + "copy Alipay's public key (支付宝公钥) from the open platform's console");
        }
        return SandboxKeys.base64(properties.alipayPublicKey());
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
