package tongban.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tongban.payment.PaymentChannel;
import tongban.platform.PublicBaseUrl;

/**
 * Which Alipay runs: the sandbox when no merchant is configured (its keys made once, owner-only, kept across starts);
 * the configured merchant's Alipay with the sandbox off; in the prod profile without a merchant no Alipay at all.
 * A merchant without its private key or Alipay's public key does not start; no key shows in a text.
 */
class AlipayConfigurationTests {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(AlipayConfiguration.class, AlipaySandboxController.class)
                .withBean(PublicBaseUrl.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("tongban.data-dir=" + dir, "server.port=8080");
    }

    @Test
    void withoutAMerchantTheSandboxPlaysAlipayWithKeysMadeOnceAndKeptOwnerOnly() throws Exception {
        runner().run(context -> {
            assertThat(context).hasSingleBean(AlipaySandbox.class).hasSingleBean(AlipaySandboxController.class);
            assertThat(context.getBean(PaymentChannel.class)).isInstanceOf(AlipayChannel.class);
            assertThat(context.getBean(PaymentChannel.class).id()).isEqualTo("alipay");
        });
        Path keys = dir.resolve("keys").resolve("alipay");
        for (String file : new String[] {"app-private-key.pem", "alipay-private-key.pem"}) {
            assertThat(Files.getPosixFilePermissions(keys.resolve(file)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        SandboxKeys first = SandboxKeys.openOrCreate(keys);
        runner().run(context -> assertThat(context.getBean(AlipaySandbox.class).keys()).isEqualTo(first));
        assertThat(first.toString()).doesNotContain(first.appPrivateKey()).doesNotContain(first.alipayPrivateKey());
    }

    @Test
    void theProdProfileWithoutAMerchantHasNoAlipayAndNoSandbox() {
        runner().withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AlipaySandbox.class).doesNotHaveBean(AlipaySandboxController.class)
                    .doesNotHaveBean(PaymentChannel.class);
        });
    }

    @Test
    void aConfiguredMerchantTurnsTheSandboxOffAndItsKeyShowsNowhere() throws Exception {
        SandboxKeys keys = SandboxKeys.openOrCreate(dir.resolve("merchant"));
        Path privateKey = Files.writeString(dir.resolve("app-private.txt"), keys.appPrivateKey() + "\n");
        runner().withPropertyValues("spring.profiles.active=prod", "tongban.payment.alipay.app-id=2021004100000001",
                        "tongban.payment.alipay.private-key-path=" + privateKey,
                        "tongban.payment.alipay.alipay-public-key=" + keys.alipayPublicKey())
                .run(context -> {
                    assertThat(context).doesNotHaveBean(AlipaySandbox.class).doesNotHaveBean(AlipaySandboxController.class);
                    assertThat(context.getBean(PaymentChannel.class)).isInstanceOf(AlipayChannel.class);
                    assertThat(context.getBean(AlipayProperties.class).gateway())
                            .isEqualTo(AlipayProperties.ALIPAY_GATEWAY);
                });
        AlipayMerchant merchant = new AlipayMerchant("2021004100000001", keys.appPrivateKey(), keys.alipayPublicKey(),
                null, null);
        assertThat(merchant.toString()).contains("2021004100000001").doesNotContain(keys.appPrivateKey());
    }

    @Test
    void aMerchantWithoutItsKeysDoesNotStart() throws Exception {
        Files.writeString(dir.resolve("not-a-key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        runner().withPropertyValues("tongban.payment.alipay.app-id=2021004100000001").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("private-key-path"));
        runner().withPropertyValues("tongban.payment.alipay.app-id=2021004100000001",
                "tongban.payment.alipay.private-key-path=" + dir.resolve("absent.pem")).run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("private-key-path"));
        runner().withPropertyValues("tongban.payment.alipay.app-id=2021004100000001",
                "tongban.payment.alipay.private-key-path=" + dir.resolve("not-a-key.pem")).run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("holds no RSA private key"));
    }
}
