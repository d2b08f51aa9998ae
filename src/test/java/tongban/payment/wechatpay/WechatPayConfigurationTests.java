package tongban.payment.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tongban.payment.PaymentChannel;
import tongban.payment.PaymentChannel.NotificationRequest;
import tongban.platform.PublicBaseUrl;

/**
 * Which WeChat Pay is played: the sandbox without a merchant in the embedded default, no channel and no sandbox in
 * {@code prod} without a merchant, WeChat Pay itself with a merchant's complete settings (and never the sandbox) —
 * verifying notifications with WeChat Pay's public key or its platform certificate, of the serial configured — and a
 * refused start, naming what is missing, with an incomplete merchant. The settings print no secret.
 */
class WechatPayConfigurationTests {

    private static final String PREFIX = "tongban.payment.wechatpay.";
    private static final String API_V3_KEY = "0123456789abcdefABCDEF0123456789";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(WechatPayConfiguration.class, WechatPaySandbox.class, PublicBaseUrl.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("tongban.public-base-url=https://tongban.example.gov.cn");

    @Test
    void withoutMerchantTheSandboxPlaysWechatPayOutsideProd(@TempDir Path data) {
        runner.withPropertyValues("tongban.data-dir=" + data).run(context -> {
            assertThat(context).hasSingleBean(PaymentChannel.class).hasSingleBean(WechatPaySandbox.class);
            assertThat(data.resolve("keys/wechatpay-sandbox/api-v3-key")).exists();
            assertThat(Files.getPosixFilePermissions(data.resolve("keys/wechatpay-sandbox/merchant-key.pem")))
                    .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        });
    }

    @Test
    void inProdWithoutMerchantThereIsNoWechatPayAndNoSandbox(@TempDir Path data) {
        runner.withPropertyValues("spring.profiles.active=prod", "tongban.data-dir=" + data).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(PaymentChannel.class).doesNotHaveBean(WechatPaySandbox.class)
                    .doesNotHaveBean(SandboxKeys.class);
            assertThat(data.resolve("keys")).doesNotExist();
        });
    }

    @Test
    void aMerchantsCompleteSettingsMakeTheChannelAndNeverTheSandbox(@TempDir Path dir) throws Exception {
        KeyPair wechatPay = rsa();
        Path publicKey = Files.writeString(dir.resolve("pub_key.pem"), pem("PUBLIC KEY", wechatPay.getPublic().getEncoded()));
        String publicKeyId = "PUB_KEY_ID_0112345678901234567890123456";
        runner.withPropertyValues(merchant(dir)).withPropertyValues(PREFIX + "public-key-id=" + publicKeyId,
                PREFIX + "public-key-path=" + publicKey).run(context -> {
            assertThat(context).hasSingleBean(PaymentChannel.class).doesNotHaveBean(WechatPaySandbox.class);
            PaymentChannel channel = context.getBean(PaymentChannel.class);
            assertThat(channel.id()).isEqualTo("wechatpay");
            assertThat(context.getBean(WechatPayProperties.class).toString())
                    .contains("1230000109").doesNotContain(API_V3_KEY).doesNotContain("PRIVATE KEY");
            // WeChat Pay's notification, signed with its key under the configured id, encrypted with the APIv3 key
            NotificationRequest notification = notification(wechatPay.getPrivate(), publicKeyId);
            assertThat(channel.verify(notification).state()).isEqualTo(PaymentChannel.Notification.State.PAID);
            assertThatThrownBy(() -> channel.verify(notification(wechatPay.getPrivate(), "PUB_KEY_ID_0999999999999999999999999999")))
                    .isInstanceOf(PaymentChannel.ForgedNotification.class);
        });
    }

    @Test
    void aMerchantOnThePlatformCertificateVerifiesWithIt(@TempDir Path dir) throws Exception {
        KeyPair wechatPay = rsa();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=Tenpay.com Root CA"), new BigInteger("4A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D", 16),
                Date.from(Instant.now().minusSeconds(3600)), Date.from(Instant.now().plusSeconds(86400)),
                new X500Name("CN=Tenpay.com sign"), wechatPay.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(wechatPay.getPrivate())));
        Path pem = Files.writeString(dir.resolve("wechatpay_platform.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        runner.withPropertyValues(merchant(dir)).withPropertyValues(PREFIX + "platform-certificate-path=" + pem).run(context -> {
            PaymentChannel channel = context.getBean(PaymentChannel.class);
            assertThat(channel.verify(notification(wechatPay.getPrivate(), "4A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D")).amountFen())
                    .isEqualTo(2000);
            assertThatThrownBy(() -> channel.verify(notification(rsa().getPrivate(), "4A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D")))
                    .isInstanceOf(PaymentChannel.ForgedNotification.class);
        });
    }

    @Test
    void anIncompleteMerchantIsRefusedNamingWhatIsMissing() {
        runner.withPropertyValues("spring.profiles.active=prod", "tongban.payment.wechatpay.merchant-id=1230000109")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("tongban.payment.wechatpay.app-id")
                        .hasMessageContaining("private-key-path").hasMessageContaining("api-v3-key-file")
                        .hasMessageContaining("public-key-id and public-key-path"));
    }

    /** The merchant's settings but WeChat Pay's key or certificate. */
    private static String[] merchant(Path dir) throws IOException {
        Path privateKey = Files.writeString(dir.resolve("apiclient_key.pem"), pem("PRIVATE KEY", rsa().getPrivate().getEncoded()));
        Path apiV3 = Files.writeString(dir.resolve("api-v3-key"), API_V3_KEY + "\n");
        return new String[] {"spring.profiles.active=prod", PREFIX + "merchant-id=1230000109",
                PREFIX + "app-id=wxd678efh567hg6787", PREFIX + "private-key-path=" + privateKey,
                PREFIX + "merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1", PREFIX + "api-v3-key-file=" + apiV3};
    }

    /** A payment's notification as WeChat Pay sends it to merchant 1230000109, signed by the key given under the serial. */
    private static NotificationRequest notification(PrivateKey key, String serial) throws GeneralSecurityException {
        SandboxKeys signer = new SandboxKeys(null, null, null, key, null, serial, API_V3_KEY);
        SandboxNotifier notifier = new SandboxNotifier(signer, List.of(), Clock.systemUTC());
        String transaction = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_trade_no\":\"T20261204001\","
                + "\"transaction_id\":\"4200000000202612040000000001\",\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\","
                + "\"success_time\":\"2026-12-04T18:00:00+08:00\",\"amount\":{\"total\":2000,\"currency\":\"CNY\"}}";
        SandboxNotifier.Signed signed = notifier.sign(notifier.event(transaction));
        notifier.close();
        Map<String, String> headers = new HashMap<>();
        signed.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return new NotificationRequest(headers, signed.body().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
