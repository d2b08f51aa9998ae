package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.payment.PaymentApiTests.assertRejected;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.payment.alipay.AlipayNotifications;
import tongban.support.Http.Response;

/**
 * A paid application that is not issued (here: the resumer gives up at once, {@code max-attempts=0}, so the paid
 * replacement ends FAILED) and is then withdrawn by its applicant is refunded through the channel it was paid by,
 * under one refund number, also when the provider is down at first (reconciliation retries); a notification after
 * the refund changes nothing. The real Alipay channel and its sandbox, through a {@link ProviderNetwork} that can be cut.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.applications.max-attempts=0", "tongban.payment.reconcile-interval=1h",
        "tongban.payment.retry-backoff=0s"})
class PaidRefundTests {

    static final ProviderNetwork NETWORK = ProviderNetwork.start();

    @DynamicPropertySource
    static void network(DynamicPropertyRegistry registry) {
        registry.add("tongban.public-base-url", NETWORK::base);
    }

    @LocalServerPort
    int port;
    @Autowired
    Payments payments;
    @Autowired
    ApplicationContext context;
    @Autowired
    PaymentReconciliation reconciliation;
    @Autowired
    JdbcClient jdbc;
    PaymentApiTests api;

    @BeforeEach
    void client() {
        NETWORK.reset(port);
        api = PaymentApiTests.on(port, jdbc, payments);
    }

    @Test
    void aWithdrawnPaidApplicationIsRefundedOnceAndLaterNotificationsChangeNothing() {
        String id = api.apply("lisi");
        String number = api.number(id);
        api.payAtSandbox(api.pay(id, PaymentApiTests.ALIPAY, "lisi"));
        PaymentChannel.NotificationRequest paid = NETWORK.notification(number);
        api.until(id, "lisi", a -> a.path("status").asString().equals("FAILED"));
        assertThat(api.status(id)).isEqualTo("PAID");

        NETWORK.down = true;
        Response withdrawn = api.http.post("/api/v1/applications/" + id + "/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("WITHDRAWN");
        waitForRefundAttempt(number);
        assertThat(api.status(id)).as("the provider is down: still paid, the refund due").isEqualTo("PAID");

        NETWORK.down = false;
        reconciliation.run();
        assertThat(api.status(id)).isEqualTo("REFUNDED");
        assertThat(api.channel().query(number).orElseThrow().state()).as("refunded at the provider")
                .isEqualTo(PaymentChannel.Notification.State.REFUNDED);
        assertThat(api.audited("PAYMENT_REFUND_REQUESTED", number)).isEqualTo(1);
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        assertThat(api.http.get("/api/v1/applications/" + id + "/payment", "lisi").json().path("status").asString())
                .isEqualTo("REFUNDED");

        // after the refund: the same notification, the provider's refund notice and another payment change nothing
        AlipayNotifications alipay = new AlipayNotifications(context);
        java.util.Map<String, String> fields = AlipayNotifications.fields(paid);
        assertThat(api.notify(PaymentApiTests.ALIPAY, paid).status()).isEqualTo(200);
        assertThat(api.notify(PaymentApiTests.ALIPAY, alipay.signed(PaymentApiTests.with(fields, "trade_status",
                "TRADE_CLOSED", "refund_fee", "20.00", "notify_id", "refund-" + number))).status()).isEqualTo(200);
        assertRejected(api.notify(PaymentApiTests.ALIPAY, alipay.signed(PaymentApiTests.with(fields, "trade_no",
                "2026again", "notify_id", "again-" + number))), 409, "ORDER_NOT_PAYABLE");
        reconciliation.run();
        assertThat(api.status(id)).isEqualTo("REFUNDED");
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        assertThat(api.application(id, "lisi").path("status").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aPaidApplicationWithdrawnBeforeIssueIsRefundedByAlipay() {
        String id = api.apply("lisi");
        String number = api.number(id);
        api.payAtSandbox(api.pay(id, PaymentApiTests.ALIPAY, "lisi"));
        api.until(id, "lisi", a -> a.path("status").asString().equals("FAILED"));
        assertThat(api.status(id)).isEqualTo("PAID");

        Response withdrawn = api.http.post("/api/v1/applications/" + id + "/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        PaymentApiTests.eventually(() -> api.status(id).equals("REFUNDED"), "refunded");
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        reconciliation.run();
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        assertThat(api.audited("PAYMENT_WITHOUT_ORDER_FOUND", number)).isZero();
    }

    private void waitForRefundAttempt(String number) {
        PaymentApiTests.eventually(() -> jdbc.sql("select refund_attempts from payment_order where number = ?")
                .param(number).query(Integer.class).single() > 0, "a refund tried");
    }
}
