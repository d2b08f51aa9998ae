package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.support.Http.Response;
import tools.jackson.databind.JsonNode;

/**
 * Journey C (a residence-permit replacement, 20 yuan) paid through each real channel, WeChat Pay and Alipay, each
 * through its provider's SDK against its embedded sandbox: the payer pays as the provider's payer would, the sandbox
 * sends its signed notification, and the permit is issued with a sealed receipt; a replayed notification (the
 * sandbox's own retry) changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.payment.query-after=0s", "tongban.payment.reconcile-interval=1h", "tongban.payment.retry-backoff=0s"})
class PaymentJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Payments payments;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SealService seals;
    @Autowired
    PaymentReconciliation reconciliation;
    PaymentApiTests api;

    @BeforeEach
    void client() {
        api = PaymentApiTests.on(port, jdbc, payments);
    }

    @Test
    void aReplacementPaidByWechatPayIsIssued() {
        String id = api.apply("lisi");
        String number = api.number(id);
        Response checkout = api.pay(id, "wechatpay", "lisi");
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        assertThat(checkout.json().path("client").path("code_url").asString()).startsWith("weixin://");
        assertThat(api.pay(id, "wechatpay", "lisi").json()).isEqualTo(checkout.json());
        // the payer confirms on the sandbox's payer page (what scanning code_url opens)
        Response paid = api.http.post("/sandbox/wechatpay/pay/" + number, null, HttpRequest.BodyPublishers.noBody(),
                null);
        assertThat(paid.status()).as(paid.body()).isLessThan(400);
        issuedWithReceipt(id, number, "wechatpay");
    }

    @Test
    void aReplacementPaidByAlipayIsIssued() {
        String id = api.apply("lisi");
        String number = api.number(id);
        Response checkout = api.pay(id, "alipay", "lisi");
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        String qr = checkout.json().path("client").path("qr_code").asString();
        assertThat(qr).contains("/sandbox/alipay/pay/");
        // the payer scans and pays: the sandbox's qr_code is the payer's endpoint
        Response paid = api.http.post(URI.create(qr).getRawPath(), null, HttpRequest.BodyPublishers.noBody(), null);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        issuedWithReceipt(id, number, "alipay");
    }

    private void issuedWithReceipt(String id, String number, String channel) {
        JsonNode issued = api.until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        assertThat(issued.path("certificate").path("number").asString()).startsWith("JZ");
        JsonNode payment = api.untilPayment(id, p -> !p.path("receipt").isNull() && !p.path("receipt").isMissingNode());
        assertThat(payment.path("status").asString()).isEqualTo("PAID");
        assertThat(payment.path("paidBy").asString()).isEqualTo(channel);
        assertThat(payment.path("transactionId").asString()).isNotBlank();
        Response receipt = api.http.get(payment.path("receipt").path("download").asString(), "lisi");
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(seals.verify(receipt.bytes()).verdict()).isEqualTo(VerificationReport.Verdict.VALID);
        assertThat(api.http.get(payment.path("receipt").path("download").asString(), "zhangsan").status())
                .isEqualTo(404);
        // reconciliation with the provider's own bill finds nothing amiss and changes nothing
        reconciliation.run();
        assertThat(api.status(id)).isEqualTo("PAID");
        assertThat(api.audited("PAYMENT_RECEIVED", number)).isEqualTo(1);
        assertThat(api.audited("PAYMENT_WITHOUT_ORDER_FOUND", number)).isZero();
    }
}
