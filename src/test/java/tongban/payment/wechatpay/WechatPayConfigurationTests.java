package tongban.payment.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tongban.payment.PaymentChannel;
import tongban.platform.PublicBaseUrl;

/**
 * Which WeChat Pay is played: the sandbox without a merchant in the embedded default, no channel and no sandbox in
 * {@code prod} without a merchant, WeChat Pay itself with a merchant's complete settings (and never the sandbox), and a
 * refused start, naming what is missing, with an incomplete merchant. The settings print no secret.
 */
class WechatPayConfigurationTests {

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
    void aMerchantsCompleteSettingsMakeTheChannelAndNeverTheSandbox(@TempDir Path keys) throws IOException {
        String apiV3Key = "0123456789abcdefABCDEF0123456789";
        runner.withPropertyValues(merchant(keys, apiV3Key)).run(context -> {
            assertThat(context).hasSingleBean(PaymentChannel.class).doesNotHaveBean(WechatPaySandbox.class);
            assertThat(context.getBean(PaymentChannel.class).id()).isEqualTo("wechatpay");
            assertThat(context.getBean(WechatPayProperties.class).toString())
                    .contains("1230000109").doesNotContain(apiV3Key).doesNotContain("PRIVATE KEY");
        });
    }

    @Test
    void anIncompleteMerchantIsRefusedNamingWhatIsMissing(@TempDir Path keys) throws IOException {
        runner.withPropertyValues("spring.profiles.active=prod", "tongban.payment.wechatpay.merchant-id=1230000109")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("tongban.payment.wechatpay.app-id")
                        .hasMessageContaining("private-key-path").hasMessageContaining("api-v3-key-file")
                        .hasMessageContaining("public-key-id and public-key-path"));
    }

    private static String[] merchant(Path dir, String apiV3Key) throws IOException {
        Path privateKey = Files.writeString(dir.resolve("apiclient_key.pem"), pem("PRIVATE KEY", rsa().getPrivate().getEncoded()));
        Path publicKey = Files.writeString(dir.resolve("pub_key.pem"), pem("PUBLIC KEY", rsa().getPublic().getEncoded()));
        Path apiV3 = Files.writeString(dir.resolve("api-v3-key"), apiV3Key + "\n");
        String prefix = "tongban.payment.wechatpay.";
        return new String[] {"spring.profiles.active=prod", prefix + "merchant-id=1230000109",
                prefix + "app-id=wxd678efh567hg6787", prefix + "private-key-path=" + privateKey,
                prefix + "merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                prefix + "api-v3-key-file=" + apiV3, prefix + "public-key-id=PUB_KEY_ID_0112345678901234567890123456",
                prefix + "public-key-path=" + publicKey};
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
