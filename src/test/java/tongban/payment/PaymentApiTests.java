package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
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
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The payment core over HTTP with the real Alipay channel against its embedded sandbox, reached through a
 * {@link ProviderNetwork} that can lose notifications and be cut: a residence-permit replacement (20 yuan) waits for
 * its fee, is paid and then issued with a sealed, verifiable receipt; every notification attack (forged with another
 * key, altered, replayed, concurrent, correctly signed but of another amount, an unknown order, out of order, for a
 * closed order) changes nothing; a withdrawn application closes its order; reconciliation recovers a lost
 * notification, closes an expired order and refunds a payment made for a closed one; a provider outage is a 503 with
 * Retry-After and nothing charged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.payment.query-after=0s", "tongban.payment.reconcile-interval=1h", "tongban.payment.retry-backoff=0s"})
class PaymentApiTests {

    static final String REPLACEMENT = """
            { "item": "residence-permit", "form": { "applicationType": "REPLACEMENT", "basis": "EMPLOYMENT" },
              "options": { "delivery": "POST" } }""";
    static final String ALIPAY = "alipay";
    static final ProviderNetwork NETWORK = ProviderNetwork.start();

    @DynamicPropertySource
    static void network(DynamicPropertyRegistry registry) {
        registry.add("tongban.public-base-url", NETWORK::base);
    }

    @LocalServerPort
    int port;
    @Autowired
    PaymentReconciliation reconciliation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SealService seals;
    @Autowired
    Payments payments;
    @Autowired
    ApplicationContext context;
    Http http;
    ProviderNetwork network;
    AlipayNotifications alipay;

    @BeforeEach
    void client() {
        http = new Http(port);
        network = NETWORK;
        network.reset(port);
        alipay = new AlipayNotifications(context);
    }

    @Test
    void aReplacementWaitsForItsFeeAndIsIssuedOncePaidWithAVerifiableReceipt() {
        String id = apply("lisi");
        JsonNode payment = http.get("/api/v1/applications/" + id + "/payment", "lisi").json();
        assertThat(payment.path("status").asString()).isEqualTo("UNPAID");
        assertThat(payment.path("amountFen").asLong()).isEqualTo(2000);
        assertThat(payment.path("amount").asString()).isEqualTo("20.00");
        assertThat(payment.path("channels").toString()).contains(ALIPAY).contains("wechatpay");
        String number = payment.path("orderNumber").asString();
        assertThat(number).matches("[A-Za-z0-9]{32}");

        Response first = pay(id, ALIPAY, "lisi");
        Response second = pay(id, ALIPAY, "lisi");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(first.json().path("client").path("qr_code").asString()).contains("/sandbox/alipay/pay/");
        assertThat(channel().query(number).orElseThrow().amountFen()).as("the provider's order").isEqualTo(2000);

        payAtSandbox(first);
        PaymentChannel.NotificationRequest paid = network.notification(number);
        JsonNode issued = until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        assertThat(issued.path("certificate").path("number").asString()).startsWith("JZ");

        // a replay is acknowledged as Alipay wants it and changes nothing
        Response ack = notify(ALIPAY, paid);
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.body()).isEqualTo("success");
        assertThat(audited("PAYMENT_RECEIVED", number)).isEqualTo(1);

        JsonNode done = untilPayment(id, p -> !p.path("receipt").isMissingNode() && !p.path("receipt").isNull()
                && http.get(p.path("receipt").path("download").asString(), "lisi").status() == 200);
        assertThat(done.path("status").asString()).isEqualTo("PAID");
        assertThat(done.path("paidBy").asString()).isEqualTo(ALIPAY);
        Response receipt = http.get(done.path("receipt").path("download").asString(), "lisi");
        assertThat(seals.verify(receipt.bytes()).verdict()).isEqualTo(VerificationReport.Verdict.VALID);
        Response verify = http.get(done.path("receipt").path("verify").asString(), null);
        assertThat(verify.body()).contains("data-outcome=\"VALID\"").contains(done.path("receipt").path("number").asString())
                .doesNotContain("420106").doesNotContain("lisi");
        assertThat(audited("RECEIPT_ISSUED", number)).isEqualTo(1);
        reconciliation.run();
        assertThat(audited("RECEIPT_ISSUED", number)).isEqualTo(1);
    }

    @Test
    void anotherApplicantsPaymentIsNotFound() {
        String id = apply("lisi");
        String number = number(id);
        for (String path : List.of("/api/v1/applications/" + id + "/payment",
                "/api/v1/applications/" + java.util.UUID.randomUUID() + "/payment",
                "/api/v1/applications/%3Cb%3E/payment")) {
            Response r = http.get(path, "zhangsan");
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().path("code").asString()).isEqualTo("PAYMENT_NOT_FOUND");
        }
        Response start = pay(id, ALIPAY, "zhangsan");
        assertThat(start.status()).isEqualTo(404);
        assertThat(channel().query(number)).as("no order was made at the provider").isEmpty();
        assertThat(http.get("/api/v1/applications/" + id + "/payment", null).status()).isEqualTo(401);
        Response withdraw = http.post("/api/v1/applications/" + id + "/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "zhangsan");
        assertThat(withdraw.status()).isEqualTo(404);
        assertThat(status(id)).isEqualTo("UNPAID");
    }

    @Test
    void badInputOnEveryEndpointIsAProblemAndChangesNothing() {
        String id = apply("lisi");
        Response noChannel = http.post("/api/v1/applications/" + id + "/payment", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(noChannel.status()).isEqualTo(400);
        assertThat(noChannel.json().path("code").asString()).isEqualTo("CHANNEL_REQUIRED");
        assertThat(noChannel.json().path("field").asString()).isEqualTo("channel");
        Response unknown = pay(id, "<script>", "lisi");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asString()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Response unknownChannel = http.post("/api/v1/payments/notify/nope", "application/json",
                HttpRequest.BodyPublishers.ofString("{}"), null);
        assertThat(unknownChannel.status()).isEqualTo(404);
        assertThat(unknownChannel.json().path("code").asString()).isEqualTo("UNKNOWN_CHANNEL");
        for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
            Response garbage = http.post("/api/v1/payments/notify/" + ALIPAY, type,
                    HttpRequest.BodyPublishers.ofString("<b>not a notification</b>"), null);
            assertThat(garbage.status()).as(type).isEqualTo(400);
            assertThat(garbage.json().path("code").asString()).isEqualTo("NOTIFICATION_REJECTED");
        }
        Response huge = http.post("/api/v1/payments/notify/" + ALIPAY, "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofByteArray(new byte[70_000]), null);
        assertThat(huge.status()).isEqualTo(413);
        Response get = http.get("/api/v1/payments/notify/" + ALIPAY, null);
        assertThat(get.status()).isIn(401, 404, 405);

        Response withdrawUnknown = http.post("/api/v1/applications/not-an-id/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(withdrawUnknown.status()).isEqualTo(404);
        assertThat(withdrawUnknown.json().path("code").asString()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(status(id)).isEqualTo("UNPAID");
    }

    @Test
    void forgedAlteredMisdirectedAndWrongAmountNotificationsChangeNothing() {
        String id = apply("lisi");
        String number = number(id);
        network.holding = true;
        payAtSandbox(pay(id, ALIPAY, "lisi"));
        PaymentChannel.NotificationRequest genuine = network.notification(number);
        Map<String, String> fields = AlipayNotifications.fields(genuine);

        assertRejected(notify(ALIPAY, AlipayNotifications.unsigned(with(fields, "total_amount", "0.01"))), 400,
                "NOTIFICATION_REJECTED");
        Map<String, String> unsigned = new java.util.HashMap<>(fields);
        unsigned.remove("sign");
        assertRejected(notify(ALIPAY, AlipayNotifications.unsigned(unsigned)), 400, "NOTIFICATION_REJECTED");
        assertRejected(notify(ALIPAY, AlipayNotifications.forged(fields)), 400, "NOTIFICATION_REJECTED");
        // correctly signed by "Alipay", but not what our order can take
        assertRejected(notify(ALIPAY, alipay.signed(with(fields, "total_amount", "0.01", "notify_id", "n-cheap"))),
                409, "AMOUNT_MISMATCH");
        assertRejected(notify(ALIPAY, alipay.signed(with(fields, "out_trade_no", "TB0000000000000000000000000000000",
                "notify_id", "n-nowhere"))), 404, "ORDER_UNKNOWN");
        assertRejected(notify(ALIPAY, alipay.signed(with(fields, "trade_status", "TRADE_CLOSED", "refund_fee", "20.00",
                "notify_id", "n-early"))), 409, "NOTIFICATION_OUT_OF_ORDER");
        assertThat(status(id)).isEqualTo("UNPAID");
        assertThat(application(id, "lisi").path("status").asString()).isEqualTo("AWAITING_PAYMENT");

        // the refused notifications' ids were not kept: the genuine one still applies
        assertThat(notify(ALIPAY, genuine).status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("PAID");
        assertRejected(notify(ALIPAY, alipay.signed(with(fields, "trade_no", "2026another", "notify_id",
                "n-another"))), 409, "NOTIFICATION_OUT_OF_ORDER");
        assertRejected(notify(ALIPAY, alipay.signed(with(fields, "trade_status", "WAIT_BUYER_PAY", "notify_id",
                "n-unpaid"))), 409, "NOTIFICATION_OUT_OF_ORDER");
        assertThat(audited("PAYMENT_RECEIVED", number)).isEqualTo(1);
        until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
    }

    @Test
    void twoNotificationsAtOnceArePaidOnce() throws Exception {
        String id = apply("lisi");
        String number = number(id);
        network.holding = true;
        payAtSandbox(pay(id, ALIPAY, "lisi"));
        PaymentChannel.NotificationRequest paid = network.notification(number);
        PaymentChannel.NotificationRequest retried = alipay.signed(with(AlipayNotifications.fields(paid), "notify_id",
                "retry-" + number));
        ExecutorService two = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (PaymentChannel.NotificationRequest n : List.of(paid, paid, retried, retried)) {
            Callable<Response> send = () -> {
                start.await();
                return notify(ALIPAY, n);
            };
            answers.add(two.submit(send));
        }
        start.countDown();
        for (Future<Response> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
        }
        two.shutdown();
        assertThat(audited("PAYMENT_RECEIVED", number)).isEqualTo(1);
        JsonNode issued = until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        assertThat(issued.path("certificate").path("id").isMissingNode()).isFalse();
    }

    @Test
    void aWithdrawnApplicationClosesItsOrderAtTheProviderAndAPaymentMadeAnywayIsRefundedByReconciliation() {
        String id = apply("lisi");
        String number = number(id);
        Response alipayCheckout = pay(id, ALIPAY, "lisi");
        Response withdrawn = withdraw(id);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(status(id)).isEqualTo("CLOSED");
        assertThat(withdraw(id).json().path("status").asString()).isEqualTo("WITHDRAWN");
        assertRejected(pay(id, "alipay-other", "lisi"), 404, "UNKNOWN_CHANNEL");
        // closed at the provider (关单): the payer can no longer pay its code
        eventually(() -> closedAtProviders(number), "closed at the provider");
        assertThat(channel().query(number).orElseThrow().state()).isEqualTo(PaymentChannel.Notification.State.CLOSED);
        String qr = alipayCheckout.json().path("client").path("qr_code").asString();
        assertThat(http.post(URI.create(qr).getRawPath(), null, HttpRequest.BodyPublishers.noBody(), null).status())
                .isEqualTo(409);

        // the provider cannot be reached as another is withdrawn: its order stays open there, and is paid anyway
        String open = apply("lisi");
        String openNumber = number(open);
        Response checkout = pay(open, ALIPAY, "lisi");
        network.down = true;
        int cut = network.cut();
        assertThat(withdraw(open).status()).isEqualTo(200);
        eventually(() -> network.cut() > cut, "the close tried");
        network.down = false;
        assertThat(closedAtProviders(openNumber)).isFalse();
        network.holding = true;
        payAtSandbox(checkout);
        PaymentChannel.NotificationRequest late = network.notification(openNumber);
        assertRejected(notify(ALIPAY, late), 409, "ORDER_NOT_PAYABLE");
        assertThat(status(open)).isEqualTo("CLOSED");
        reconciliation.run();
        assertThat(closedAtProviders(openNumber)).as("nothing left to close: the trade is paid").isTrue();
        String transaction = AlipayNotifications.fields(late).get("trade_no");
        assertThat(channel().query(openNumber).orElseThrow().state()).as("refunded at the provider")
                .isEqualTo(PaymentChannel.Notification.State.REFUNDED);
        assertThat(jdbc.sql("select refunded_at is not null from payment_finding where transaction_id = ?")
                .param(transaction).query(Boolean.class).single()).isTrue();
        assertThat(audited("PAYMENT_WITHOUT_ORDER_REFUNDED", openNumber)).isEqualTo(1);
        reconciliation.run();
        assertThat(audited("PAYMENT_WITHOUT_ORDER_FOUND", openNumber)).isEqualTo(1);
        Response unknown = withdraw(java.util.UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void reconciliationRecoversALostNotificationAndClosesAnExpiredOrder() {
        String lost = apply("lisi");
        network.holding = true; // paid, but its notification never arrives
        payAtSandbox(pay(lost, ALIPAY, "lisi"));
        network.notification(number(lost));

        String expired = apply("lisi");
        pay(expired, ALIPAY, "lisi");
        jdbc.sql("update payment_order set expires_at = ? where application_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), java.util.UUID.fromString(expired))
                .update();

        network.down = true;
        reconciliation.run();
        assertThat(status(lost)).isEqualTo("UNPAID");
        assertThat(status(expired)).as("never closed while the provider cannot say it is unpaid").isEqualTo("UNPAID");
        network.down = false;
        jdbc.sql("update payment_order set query_next_at = null where application_id in (?, ?)")
                .params(java.util.UUID.fromString(lost), java.util.UUID.fromString(expired)).update();
        reconciliation.run();
        assertThat(status(lost)).isEqualTo("PAID");
        assertThat(status(expired)).isEqualTo("CLOSED");
        assertThat(closedAtProviders(number(expired))).isTrue();
        assertThat(channel().query(number(expired)).orElseThrow().state())
                .isEqualTo(PaymentChannel.Notification.State.CLOSED);
        until(lost, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        assertThat(application(expired, "lisi").path("status").asString()).isEqualTo("PAYMENT_EXPIRED");
        assertRejected(pay(expired, ALIPAY, "lisi"), 409, "ORDER_NOT_PAYABLE");
    }

    @Test
    void anApplicationResumedAfterItsOrderClosedIsNeverIssuedUnpaid() {
        String key = "pay-" + java.util.UUID.randomUUID();
        Multipart body = new Multipart().json("application", REPLACEMENT).file("photo", "photo.jpg", "image/jpeg",
                Fixtures.jpeg());
        String id = http.postMultipart("/api/v1/applications", body, key, "lisi").json().path("id").asString();
        // as if its node died after the order was made and the order then expired and was closed
        jdbc.sql("update application set status = 'PROCESSING', lease_owner = null, lease_until = null where id = ?")
                .param(java.util.UUID.fromString(id)).update();
        jdbc.sql("update payment_order set status = 'CLOSED', close_reason = 'EXPIRED', closed_at = now() "
                + "where application_id = ?").param(java.util.UUID.fromString(id)).update();
        Response again = http.postMultipart("/api/v1/applications", new Multipart().json("application", REPLACEMENT)
                .file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), key, "lisi");
        assertThat(again.status()).as(again.body()).isIn(200, 201);
        assertThat(again.json().path("status").asString()).isEqualTo("PAYMENT_EXPIRED");
        assertThat(again.json().path("certificate").isMissingNode() || again.json().path("certificate").isNull())
                .isTrue();
    }

    @Test
    void aProviderOutageIsA503WithRetryAfterAndChargesNothing() {
        String id = apply("lisi");
        network.down = true;
        Response down = pay(id, ALIPAY, "lisi");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("code").asString()).isEqualTo("CHANNEL_UNAVAILABLE");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/api/v1/applications/" + id + "/payment", "lisi").json().path("checkouts").size()).isZero();
        network.down = false;
        assertThat(pay(id, ALIPAY, "lisi").status()).isEqualTo(200);
    }

    // --- helpers, shared by the other payment tests ---

    /** This class's helpers for another test class's server. */
    static PaymentApiTests on(int port, JdbcClient jdbc, Payments payments) {
        PaymentApiTests api = new PaymentApiTests();
        api.port = port;
        api.http = new Http(port);
        api.jdbc = jdbc;
        api.payments = payments;
        return api;
    }

    /** The application's Alipay channel, to ask the sandbox what it knows of an order. */
    PaymentChannel channel() {
        return payments.channel(ALIPAY).orElseThrow();
    }

    /** The payer scans the checkout's QR code and pays at the sandbox, which then notifies (through the network). */
    void payAtSandbox(Response checkout) {
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        String qr = checkout.json().path("client").path("qr_code").asString();
        Response paid = http.post(URI.create(qr).getRawPath(), null, HttpRequest.BodyPublishers.noBody(), null);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    }

    Response withdraw(String id) {
        return http.post("/api/v1/applications/" + id + "/withdraw", null, HttpRequest.BodyPublishers.noBody(), "lisi");
    }

    boolean closedAtProviders(String number) {
        return jdbc.sql("select provider_closed_at is not null from payment_order where number = ?").param(number)
                .query(Boolean.class).single();
    }

    /** The fields with some replaced: name, value, name, value... */
    static Map<String, String> with(Map<String, String> fields, String... changes) {
        Map<String, String> changed = new java.util.HashMap<>(fields);
        for (int i = 0; i < changes.length; i += 2) {
            changed.put(changes[i], changes[i + 1]);
        }
        return changed;
    }

    /** Waits up to 30 s for {@code done}. */
    static void eventually(java.util.function.BooleanSupplier done, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            sleep();
        }
    }

    String apply(String user) {
        Response r = http.postMultipart("/api/v1/applications", new Multipart().json("application", REPLACEMENT)
                .file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), "pay-" + java.util.UUID.randomUUID(), user);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("AWAITING_PAYMENT");
        assertThat(r.json().path("certificate").isMissingNode() || r.json().path("certificate").isNull()).isTrue();
        return r.json().path("id").asString();
    }

    Response pay(String id, String channel, String user) {
        return http.post("/api/v1/applications/" + id + "/payment?channel=" + java.net.URLEncoder.encode(channel,
                java.nio.charset.StandardCharsets.UTF_8), null, HttpRequest.BodyPublishers.noBody(), user);
    }

    Response notify(String channel, PaymentChannel.NotificationRequest n) {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/api/v1/payments/notify/" + channel)).header("Content-Type", n.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.body()));
        n.headers().forEach(b::header);
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(b.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String number(String id) {
        return http.get("/api/v1/applications/" + id + "/payment", "lisi").json().path("orderNumber").asString();
    }

    String status(String id) {
        return jdbc.sql("select status from payment_order where application_id = ?")
                .param(java.util.UUID.fromString(id)).query(String.class).single();
    }

    JsonNode application(String id, String user) {
        return http.get("/api/v1/applications/" + id, user).json();
    }

    int audited(String action, String number) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target = ?")
                .params(action, "payment/" + number).query(Integer.class).single();
    }

    JsonNode until(String id, String user, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode now = application(id, user);
            if (done.test(now) || Instant.now().isAfter(deadline)) {
                assertThat(done.test(now)).as(now.toString()).isTrue();
                return now;
            }
            sleep();
        }
    }

    JsonNode untilPayment(String id, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode now = http.get("/api/v1/applications/" + id + "/payment", "lisi").json();
            if (done.test(now) || Instant.now().isAfter(deadline)) {
                assertThat(done.test(now)).as(now.toString()).isTrue();
                return now;
            }
            sleep();
        }
    }

    static void assertRejected(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("code").asString()).as(r.body()).isEqualTo(code);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
