package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.payment.PaymentApiTests.assertRejected;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.support.Http.Response;

/**
 * A paid application that is not issued (here: the resumer gives up at once, {@code max-attempts=0}, so the paid
 * replacement ends FAILED) and is then withdrawn by its applicant is refunded through the channel it was paid by,
 * under one refund number, also when the provider is down at first (reconciliation retries); a notification after
 * the refund changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.applications.max-attempts=0", "tongban.payment.reconcile-interval=1h",
        "tongban.payment.retry-backoff=0s"})
@Import(LedgerChannel.Config.class)
class PaidRefundTests {

    @LocalServerPort
    int port;
    @Autowired
    LedgerChannel ledger;
    @Autowired
    PaymentReconciliation reconciliation;
    @Autowired
    JdbcClient jdbc;
    PaymentApiTests api;

    @BeforeEach
    void client() {
        api = PaymentApiTests.on(port, ledger, jdbc);
    }

    @Test
    void aWithdrawnPaidApplicationIsRefundedOnceAndLaterNotificationsChangeNothing() {
        String id = api.apply("lisi");
        String number = api.number(id);
        api.pay(id, LedgerChannel.ID, "lisi");
        PaymentChannel.NotificationRequest paid = ledger.pay(number, 2000);
        assertThat(api.notify(LedgerChannel.ID, paid).status()).isEqualTo(200);
        api.until(id, "lisi", a -> a.path("status").asString().equals("FAILED"));
        assertThat(api.status(id)).isEqualTo("PAID");

        ledger.down = true;
        Response withdrawn = api.http.post("/api/v1/applications/" + id + "/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("WITHDRAWN");
        String refundNumber = waitForRefundAttempt(number);
        assertThat(api.status(id)).as("the provider is down: still paid, the refund due").isEqualTo("PAID");

        ledger.down = false;
        reconciliation.run();
        assertThat(api.status(id)).isEqualTo("REFUNDED");
        assertThat(ledger.refunds).containsOnlyKeys(refundNumber);
        assertThat(api.audited("PAYMENT_REFUND_REQUESTED", number)).isEqualTo(1);
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        assertThat(api.http.get("/api/v1/applications/" + id + "/payment", "lisi").json().path("status").asString())
                .isEqualTo("REFUNDED");

        // after the refund: the same notification, the provider's refund notice and another payment change nothing
        assertThat(api.notify(LedgerChannel.ID, paid).status()).isEqualTo(200);
        LedgerChannel.Payment payment = ledger.payments.get(number);
        assertThat(api.notify(LedgerChannel.ID, ledger.notification("refund-" + number, payment, "REFUNDED")).status())
                .isEqualTo(200);
        LedgerChannel.Payment another = new LedgerChannel.Payment(number, "Tagain", 2000, java.time.LocalDate.now());
        assertRejected(api.notify(LedgerChannel.ID, ledger.notification("again-" + number, another, "PAID")), 409,
                "ORDER_NOT_PAYABLE");
        reconciliation.run();
        assertThat(api.status(id)).isEqualTo("REFUNDED");
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        assertThat(api.application(id, "lisi").path("status").asString()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aPaidApplicationWithdrawnBeforeIssueIsRefundedByAlipay() {
        String id = api.apply("lisi");
        String number = api.number(id);
        Response checkout = api.pay(id, "alipay", "lisi");
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        String qr = checkout.json().path("client").path("qr_code").asString();
        assertThat(api.http.post(java.net.URI.create(qr).getRawPath(), null, HttpRequest.BodyPublishers.noBody(), null)
                .status()).isEqualTo(200);
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

    private String waitForRefundAttempt(String number) {
        PaymentApiTests.eventually(() -> jdbc.sql("select refund_attempts from payment_order where number = ?")
                .param(number).query(Integer.class).single() > 0, "a refund tried");
        return jdbc.sql("select refund_number from payment_order where number = ?").param(number)
                .query(String.class).single();
    }
}
