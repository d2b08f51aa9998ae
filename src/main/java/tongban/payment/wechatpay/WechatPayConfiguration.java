package tongban.payment.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSANotificationConfig;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import tongban.payment.PaymentChannel;
import tongban.platform.ProductionSafety;
import tongban.platform.PublicBaseUrl;

/**
 * The WeChat Pay channel: with {@code tongban.payment.wechatpay.merchant-id} set, WeChat Pay itself with the merchant's
 * keys (every other setting then required, or the start is refused naming them); without it, outside the
 * {@code prod} profile, the embedded sandbox with keys made under {@code <data-dir>/keys/wechatpay-sandbox}, which the
 * SDK reaches through an OkHttp client that sends its calls for {@code https://api.mch.weixin.qq.com} to the public
 * base URL's {@code /sandbox/wechatpay} instead (the SDK's own way to bring an HTTP client; its {@code HostName} knows
 * only WeChat Pay's hosts). In {@code prod} without a merchant there is no WeChat Pay channel and no sandbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WechatPayProperties.class)
class WechatPayConfiguration {

    /** Where WeChat Pay sends notifications unless {@code notify-url} says otherwise. */
    static final String NOTIFY_PATH = "/api/v1/payments/notify/" + WechatPayChannel.ID;

    @Bean
    @Conditional(MerchantConfigured.class)
    PaymentChannel wechatPayChannel(WechatPayProperties properties, PublicBaseUrl base, Clock clock) {
        if (!properties.missing().isEmpty()) {
            throw new IllegalStateException("WeChat Pay is configured for merchant " + properties.merchantId()
                    + " but lacks settings: " + String.join("; ", properties.missing()));
        }
        String apiV3Key = readSecret(properties.apiV3KeyFile());
        Config config;
        NotificationConfig notifications;
        if (properties.publicKeyId() != null && !properties.publicKeyId().isBlank() && properties.publicKeyPath() != null) {
            RSAPublicKeyConfig keyConfig = new RSAPublicKeyConfig.Builder().merchantId(properties.merchantId())
                    .privateKeyFromPath(properties.privateKeyPath().toString())
                    .merchantSerialNumber(properties.merchantSerialNumber())
                    .publicKeyFromPath(properties.publicKeyPath().toString()).publicKeyId(properties.publicKeyId())
                    .apiV3Key(apiV3Key).build();
            config = keyConfig;
            notifications = keyConfig;
        } else {
            config = new RSAConfig.Builder().merchantId(properties.merchantId())
                    .privateKeyFromPath(properties.privateKeyPath().toString())
                    .merchantSerialNumber(properties.merchantSerialNumber())
                    .wechatPayCertificatesFromPath(properties.platformCertificatePath().toString()).build();
            notifications = new RSANotificationConfig.Builder()
                    .certificatesFromPath(properties.platformCertificatePath().toString()).apiV3Key(apiV3Key).build();
        }
        return channel(properties.merchantId(), properties.appId(), notifyUrl(properties, base), config, notifications,
                http(), number -> Map.of(), clock);
    }

    @Bean
    @Conditional(SandboxActive.class)
    SandboxKeys wechatPaySandboxKeys(@Value("${tongban.data-dir:data}") Path dataDir) {
        return SandboxKeys.openOrCreate(dataDir.resolve("keys").resolve("wechatpay-sandbox"));
    }

    @Bean(destroyMethod = "close")
    @Conditional(SandboxActive.class)
    SandboxNotifier wechatPaySandboxNotifier(SandboxKeys keys, WechatPayProperties properties, Clock clock) {
        return new SandboxNotifier(keys, properties.sandboxRetries(), clock);
    }

    @Bean
    @Conditional(SandboxActive.class)
    PaymentChannel wechatPaySandboxChannel(SandboxKeys keys, WechatPayProperties properties, PublicBaseUrl base, Clock clock) {
        return sandboxChannel(keys, notifyUrl(properties, base), () -> base.get(), clock);
    }

    /**
     * The channel against the sandbox at {@code sandboxBase} (a base URL served by this application): the merchant's
     * settings are the sandbox's keys, in WeChat Pay's public key mode (微信支付公钥); a browser pays at the sandbox's page.
     */
    static WechatPayChannel sandboxChannel(SandboxKeys keys, Supplier<String> notifyUrl, Supplier<URI> sandboxBase, Clock clock) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder().merchantId(SandboxKeys.MERCHANT_ID)
                .privateKey(keys.merchantKey()).merchantSerialNumber(keys.merchantSerial())
                .publicKey(keys.platformPublicKey()).publicKeyId(keys.publicKeyId()).apiV3Key(keys.apiV3Key()).build();
        OkHttpClient toSandbox = http().newBuilder().addInterceptor(chain -> {
            URI at = sandboxBase.get();
            HttpUrl asked = chain.request().url();
            HttpUrl sandbox = asked.newBuilder().scheme(at.getScheme()).host(at.getHost())
                    .port(at.getPort() > 0 ? at.getPort() : HttpUrl.defaultPort(at.getScheme()))
                    .encodedPath((at.getRawPath() == null ? "" : at.getRawPath()) + WechatPaySandbox.BASE + asked.encodedPath())
                    .build();
            return chain.proceed(chain.request().newBuilder().url(sandbox).build());
        }).build();
        return channel(SandboxKeys.MERCHANT_ID, SandboxKeys.APP_ID, notifyUrl, config, config, toSandbox,
                number -> Map.of("pay_url", sandboxBase.get() + WechatPaySandbox.BASE + "/pay/" + number), clock);
    }

    private static WechatPayChannel channel(String merchantId, String appId, Supplier<String> notifyUrl, Config config,
                                            NotificationConfig notifications, OkHttpClient okHttp,
                                            Function<String, Map<String, String>> extraClient, Clock clock) {
        HttpClient client = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
        return new WechatPayChannel(merchantId, appId, notifyUrl,
                new NativePayService.Builder().httpClient(client).build(),
                new RefundService.Builder().httpClient(client).build(),
                new BillDownloadServiceExtension.Builder().httpClient(client).decryptor(config.createDecryptor()).build(),
                new NotificationParser(notifications), extraClient, clock);
    }

    /** Time-outs so that a call to WeChat Pay that hangs ends as {@link PaymentChannel.ChannelUnavailable}. */
    private static OkHttpClient http() {
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15)).callTimeout(Duration.ofSeconds(30)).build();
    }

    private static Supplier<String> notifyUrl(WechatPayProperties properties, PublicBaseUrl base) {
        String configured = properties.notifyUrl();
        return configured != null && !configured.isBlank() ? () -> configured : () -> base.get() + NOTIFY_PATH;
    }

    private static String readSecret(Path file) {
        try {
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.getBytes(StandardCharsets.UTF_8).length != 32) {
                throw new IllegalStateException("the APIv3 key in " + file + " is not 32 bytes long (AES-256)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("the APIv3 key file " + file + " could not be read", e);
        }
    }

    /** A merchant is configured: WeChat Pay itself. */
    static final class MerchantConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return merchant(context.getEnvironment());
        }
    }

    /** No merchant, and not in {@code prod}: the sandbox plays WeChat Pay. */
    static final class SandboxActive implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return !merchant(environment) && !ProductionSafety.required(environment);
        }
    }

    private static boolean merchant(Environment environment) {
        String merchantId = environment.getProperty("tongban.payment.wechatpay.merchant-id");
        return merchantId != null && !merchantId.isBlank();
    }
}
