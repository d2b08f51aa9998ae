package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.support.Browser;

/**
 * Paying through the pages in a real browser, without script: the result page of a replacement awaiting its fee shows
 * the amount and one pay button per channel (a form with its CSRF token); the checkout page shows the provider's QR
 * code and pay link; once paid, the result page shows the certificate and {@code /me} the payment with its receipt.
 * A channel name made of markup stays text. Every state passes axe-core, in both languages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.payment.query-after=0s", "tongban.payment.reconcile-interval=1h", "tongban.payment.retry-backoff=0s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentPagesTests {

    private static final String WECHATPAY = "wechatpay";
    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

    @LocalServerPort
    int port;
    @Autowired
    Payments payments;
    @Autowired
    JdbcClient jdbc;
    private Browser browser;
    private PaymentApiTests api;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        browser.resize(360, 915);
        api = PaymentApiTests.on(port, jdbc, payments);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void anApplicantPaysOnThePagesAndFindsTheReceiptOnMe() {
        String id = api.apply("lisi");
        String number = api.number(id);
        browser.signIn("lisi").open("/apply/applications/" + id);
        browser.await("#payment");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(browser.find("#payment-amount").getText()).isEqualTo("20.00 元");
        assertThat(browser.find("#payment-status").getAttribute("data-status")).isEqualTo("UNPAID");
        assertThat(browser.find("#payment-order").getText()).isEqualTo(number);
        assertThat(browser.findAll("#payment form input[name='_csrf']")).isNotEmpty();
        assertThat(browser.find("#pay-wechatpay").getText()).isEqualTo("使用微信支付支付");
        browser.assertAccessible().screenshot("payment-result");
        assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth")).as("fits 360 px").isLessThanOrEqualTo(360L);

        browser.click("#pay-" + WECHATPAY);
        browser.await("#payment-qr");
        assertThat(browser.find(".payment-link").getAttribute("href")).endsWith("/sandbox/wechatpay/pay/" + number);
        browser.assertAccessible().screenshot("payment-checkout");
        assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth")).as("fits 360 px").isLessThanOrEqualTo(360L);

        // a channel made of markup (the hidden field altered) is refused on the page, as text
        browser.open("/apply/applications/" + id + "?lang=en");
        browser.await("#payment");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('#pay-" + WECHATPAY + "').form.querySelector('input[name=channel]').value"
                        + " = arguments[0]", MARKUP);
        browser.click("#pay-" + WECHATPAY);
        browser.await("#payment-error");
        assertThat(browser.find(".caption").getText()).isEqualTo(MARKUP);
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible().screenshot("payment-checkout-refused");

        // the payer confirms on the sandbox's payer page, which notifies the application
        assertThat(api.http.post("/sandbox/wechatpay/pay/" + number, null,
                java.net.http.HttpRequest.BodyPublishers.noBody(), null).status()).isLessThan(400);
        api.until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        api.untilPayment(id, p -> !p.path("receipt").isNull() && !p.path("receipt").isMissingNode());
        browser.open("/apply/applications/" + id);
        browser.await("#receipt-download");
        assertThat(browser.find("#payment-status").getAttribute("data-status")).isEqualTo("PAID");
        assertThat(browser.findAll("#payment form")).isEmpty();
        assertThat(browser.find("#certificate-number").getText()).startsWith("JZ");
        browser.assertAccessible().screenshot("payment-paid");

        browser.open("/me");
        browser.await("#payment-" + number);
        assertThat(browser.find("#payment-" + number + " .payment-status").getAttribute("data-status"))
                .isEqualTo("PAID");
        assertThat(browser.find("#payment-" + number + " .payment-amount").getText()).isEqualTo("20.00 元");
        assertThat(browser.find("#payment-" + number + " .receipt-download").getAttribute("href")).contains("/me/documents/");
        browser.assertAccessible().screenshot("payment-me");
        browser.open("/me?lang=en");
        browser.await("#payment-" + number);
        assertThat(browser.find("#payment-" + number + " .payment-status").getText()).isEqualTo("Paid");
        browser.assertAccessible();
        browser.signOut();
    }
}
