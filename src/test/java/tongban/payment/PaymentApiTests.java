package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The payment core over HTTP with a signing test provider ({@link LedgerChannel}): a residence-permit replacement
 * (20 yuan) waits for its fee, is paid and then issued with a sealed, verifiable receipt; every notification attack
 * (forged, altered, replayed, concurrent, another amount, an unknown order, a closed order) changes nothing; a
 * withdrawn application closes its order; reconciliation recovers a lost notification, closes an expired order and
 * refunds a payment made for a closed one; a provider outage is a 503 with Retry-After and nothing charged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.payment.query-after=0s", "tongban.payment.reconcile-interval=1h", "tongban.payment.retry-backoff=0s"})
@Import(LedgerChannel.Config.class)
class PaymentApiTests {

    static final String REPLACEMENT = """
            { "item": "residence-permit", "form": { "applicationType": "REPLACEMENT", "basis": "EMPLOYMENT" },
              "options": { "delivery": "POST" } }""";

    @LocalServerPort
    int port;
    @Autowired
    LedgerChannel ledger;
    @Autowired
    PaymentReconciliation reconciliation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SealService seals;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        ledger.down = false;
    }

    @Test
    void aReplacementWaitsForItsFeeAndIsIssuedOncePaidWithAVerifiableReceipt() {
        String id = apply("lisi");
        JsonNode payment = http.get("/api/v1/applications/" + id + "/payment", "lisi").json();
        assertThat(payment.path("status").asString()).isEqualTo("UNPAID");
        assertThat(payment.path("amountFen").asLong()).isEqualTo(2000);
        assertThat(payment.path("amount").asString()).isEqualTo("20.00");
        assertThat(payment.path("channels").toString()).contains(LedgerChannel.ID);
        String number = payment.path("orderNumber").asString();
        assertThat(number).matches("[A-Za-z0-9]{32}");

        Response first = pay(id, LedgerChannel.ID, "lisi");
        Response second = pay(id, LedgerChannel.ID, "lisi");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(first.json().path("client").path("code_url").asString()).isEqualTo("ledger://pay/" + number);
        assertThat(ledger.orders.get(number).amountFen()).isEqualTo(2000);

        PaymentChannel.NotificationRequest paid = ledger.pay(number, 2000);
        Response ack = notify(LedgerChannel.ID, paid);
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.body()).isEqualTo("success");
        JsonNode issued = until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        assertThat(issued.path("certificate").path("number").asString()).startsWith("JZ");

        // a replay is acknowledged and changes nothing
        assertThat(notify(LedgerChannel.ID, paid).status()).isEqualTo(200);
        assertThat(audited("PAYMENT_RECEIVED", number)).isEqualTo(1);

        JsonNode done = untilPayment(id, p -> !p.path("receipt").isMissingNode() && !p.path("receipt").isNull()
                && http.get(p.path("receipt").path("download").asString(), "lisi").status() == 200);
        assertThat(done.path("status").asString()).isEqualTo("PAID");
        assertThat(done.path("paidBy").asString()).isEqualTo(LedgerChannel.ID);
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
        int starts = ledger.starts.get();
        for (String path : List.of("/api/v1/applications/" + id + "/payment",
                "/api/v1/applications/" + java.util.UUID.randomUUID() + "/payment",
                "/api/v1/applications/%3Cb%3E/payment")) {
            Response r = http.get(path, "zhangsan");
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().path("code").asString()).isEqualTo("PAYMENT_NOT_FOUND");
        }
        Response start = pay(id, LedgerChannel.ID, "zhangsan");
        assertThat(start.status()).isEqualTo(404);
        assertThat(ledger.starts.get()).isEqualTo(starts);
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
        Response garbage = http.post("/api/v1/payments/notify/" + LedgerChannel.ID, "application/json",
                HttpRequest.BodyPublishers.ofString("<b>not json</b>"), null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("code").asString()).isEqualTo("NOTIFICATION_REJECTED");
        Response huge = http.post("/api/v1/payments/notify/" + LedgerChannel.ID, "application/json",
                HttpRequest.BodyPublishers.ofByteArray(new byte[70_000]), null);
        assertThat(huge.status()).isEqualTo(413);
        Response get = http.get("/api/v1/payments/notify/" + LedgerChannel.ID, null);
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
        pay(id, LedgerChannel.ID, "lisi");
        PaymentChannel.NotificationRequest genuine = ledger.pay(number, 2000);

        byte[] altered = new String(genuine.body(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"amountFen\":2000", "\"amountFen\":1").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertRejected(notify(LedgerChannel.ID, new PaymentChannel.NotificationRequest(genuine.headers(), altered,
                "application/json")), 400, "NOTIFICATION_REJECTED");
        assertRejected(notify(LedgerChannel.ID, new PaymentChannel.NotificationRequest(java.util.Map.of(),
                genuine.body(), "application/json")), 400, "NOTIFICATION_REJECTED");
        LedgerChannel.Payment cheap = new LedgerChannel.Payment(number, "Tcheap", 1, java.time.LocalDate.now());
        assertRejected(notify(LedgerChannel.ID, ledger.notification("n-cheap", cheap, "PAID")), 409, "AMOUNT_MISMATCH");
        LedgerChannel.Payment nowhere = new LedgerChannel.Payment("TB0000000000000000000000000000000", "Tx", 2000,
                java.time.LocalDate.now());
        assertRejected(notify(LedgerChannel.ID, ledger.notification("n-nowhere", nowhere, "PAID")), 404, "ORDER_UNKNOWN");
        LedgerChannel.Payment refundedFirst = ledger.payments.get(number);
        assertRejected(notify(LedgerChannel.ID, ledger.notification("n-early", refundedFirst, "REFUNDED")), 409,
                "NOTIFICATION_OUT_OF_ORDER");
        assertThat(status(id)).isEqualTo("UNPAID");
        assertThat(application(id, "lisi").path("status").asString()).isEqualTo("AWAITING_PAYMENT");

        // the refused notifications' ids were not kept: the genuine one still applies
        assertThat(notify(LedgerChannel.ID, genuine).status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("PAID");
        LedgerChannel.Payment another = new LedgerChannel.Payment(number, "Tanother", 2000, java.time.LocalDate.now());
        assertRejected(notify(LedgerChannel.ID, ledger.notification("n-another", another, "PAID")), 409,
                "NOTIFICATION_OUT_OF_ORDER");
        assertRejected(notify(LedgerChannel.ID, ledger.notification("n-unpaid", refundedFirst, "NOT_PAID")), 409,
                "NOTIFICATION_OUT_OF_ORDER");
        assertThat(audited("PAYMENT_RECEIVED", number)).isEqualTo(1);
        until(id, "lisi", a -> a.path("status").asString().equals("ISSUED"));
    }

    @Test
    void twoNotificationsAtOnceArePaidOnce() throws Exception {
        String id = apply("lisi");
        String number = number(id);
        pay(id, LedgerChannel.ID, "lisi");
        PaymentChannel.NotificationRequest paid = ledger.pay(number, 2000);
        LedgerChannel.Payment payment = ledger.payments.get(number);
        PaymentChannel.NotificationRequest retried = ledger.notification("retry-" + number, payment, "PAID");
        ExecutorService two = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (PaymentChannel.NotificationRequest n : List.of(paid, paid, retried, retried)) {
            Callable<Response> send = () -> {
                start.await();
                return notify(LedgerChannel.ID, n);
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
    void aWithdrawnApplicationClosesItsOrderAndAPaymentMadeAnywayIsRefundedByReconciliation() {
        String id = apply("lisi");
        String number = number(id);
        pay(id, LedgerChannel.ID, "lisi");
        Response withdrawn = http.post("/api/v1/applications/" + id + "/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(status(id)).isEqualTo("CLOSED");
        assertThat(http.post("/api/v1/applications/" + id + "/withdraw", null, HttpRequest.BodyPublishers.noBody(),
                "lisi").json().path("status").asString()).isEqualTo("WITHDRAWN");
        assertRejected(pay(id, "ledger-other", "lisi"), 404, "UNKNOWN_CHANNEL");

        // the payer pays the provider's still open order anyway: the notification changes nothing
        PaymentChannel.NotificationRequest late = ledger.pay(number, 2000);
        assertRejected(notify(LedgerChannel.ID, late), 409, "ORDER_NOT_PAYABLE");
        assertThat(status(id)).isEqualTo("CLOSED");
        reconciliation.run();
        String transaction = ledger.payments.get(number).transaction();
        assertThat(ledger.refunds.values()).isNotEmpty();
        assertThat(jdbc.sql("select refunded_at is not null from payment_finding where transaction_id = ?")
                .param(transaction).query(Boolean.class).single()).isTrue();
        assertThat(audited("PAYMENT_WITHOUT_ORDER_REFUNDED", number)).isEqualTo(1);
        reconciliation.run();
        assertThat(audited("PAYMENT_WITHOUT_ORDER_FOUND", number)).isEqualTo(1);
        Response issued = http.post("/api/v1/applications/" + java.util.UUID.randomUUID() + "/withdraw", null,
                HttpRequest.BodyPublishers.noBody(), "lisi");
        assertThat(issued.status()).isEqualTo(404);
    }

    @Test
    void reconciliationRecoversALostNotificationAndClosesAnExpiredOrder() {
        String lost = apply("lisi");
        pay(lost, LedgerChannel.ID, "lisi");
        ledger.pay(number(lost), 2000); // paid, but its notification never arrives

        String expired = apply("lisi");
        pay(expired, LedgerChannel.ID, "lisi");
        jdbc.sql("update payment_order set expires_at = ? where application_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), java.util.UUID.fromString(expired))
                .update();

        ledger.down = true;
        reconciliation.run();
        assertThat(status(lost)).isEqualTo("UNPAID");
        assertThat(status(expired)).as("never closed while the provider cannot say it is unpaid").isEqualTo("UNPAID");
        ledger.down = false;
        jdbc.sql("update payment_order set query_next_at = null where application_id in (?, ?)")
                .params(java.util.UUID.fromString(lost), java.util.UUID.fromString(expired)).update();
        reconciliation.run();
        assertThat(status(lost)).isEqualTo("PAID");
        assertThat(status(expired)).isEqualTo("CLOSED");
        until(lost, "lisi", a -> a.path("status").asString().equals("ISSUED"));
        assertThat(application(expired, "lisi").path("status").asString()).isEqualTo("PAYMENT_EXPIRED");
        assertRejected(pay(expired, LedgerChannel.ID, "lisi"), 409, "ORDER_NOT_PAYABLE");
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
        ledger.down = true;
        Response down = pay(id, LedgerChannel.ID, "lisi");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("code").asString()).isEqualTo("CHANNEL_UNAVAILABLE");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/api/v1/applications/" + id + "/payment", "lisi").json().path("checkouts").size()).isZero();
        ledger.down = false;
        assertThat(pay(id, LedgerChannel.ID, "lisi").status()).isEqualTo(200);
    }

    // --- helpers, shared by the other payment tests ---

    /** This class's helpers for another test class's server. */
    static PaymentApiTests on(int port, LedgerChannel ledger, JdbcClient jdbc) {
        PaymentApiTests api = new PaymentApiTests();
        api.port = port;
        api.http = new Http(port);
        api.ledger = ledger;
        api.jdbc = jdbc;
        ledger.down = false;
        return api;
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
