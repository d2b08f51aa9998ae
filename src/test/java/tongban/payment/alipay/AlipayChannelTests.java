package tongban.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.payment.PaymentChannel;
import tongban.payment.PaymentChannel.ChannelOrder;
import tongban.payment.PaymentChannel.ChannelRefund;
import tongban.payment.PaymentChannel.ChannelUnavailable;
import tongban.payment.PaymentChannel.ForgedNotification;
import tongban.payment.PaymentChannel.Notification;
import tongban.payment.PaymentChannel.NotificationRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Alipay channel through the SDK against the embedded sandbox, over real HTTP: an order pre-created, paid by the
 * payer, its notification posted to the merchant and verified; query, close, refund (twice: one refund) and the day's
 * bill; a notification the merchant does not take sent again; every forged notification refused; an unreachable or
 * failing gateway is ChannelUnavailable. The merchant's notification address is a receiver of this test's, so the test
 * sees exactly what the sandbox posts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlipayChannelTests {

    private static final String FORM = "application/x-www-form-urlencoded;charset=utf-8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    AlipaySandbox sandbox;
    @Autowired
    List<PaymentChannel> channels;

    HttpServer receiver;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final AtomicInteger refuseNext = new AtomicInteger();
    AlipayChannel channel;

    @BeforeEach
    void merchant() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/notify", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean refuse = refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            byte[] answer = (refuse ? "fail" : "success").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(refuse ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        URI notify = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify");
        channel = new AlipayChannel(sandbox.merchant(() -> notify));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void theApplicationsChannelIsTheSandboxsAndNotifiesThePaymentEndpoint() {
        PaymentChannel alipay = channels.stream().filter(c -> c.id().equals("alipay")).findFirst().orElseThrow();
        assertThat(alipay.accepted()).isEqualTo(new PaymentChannel.Acknowledgement(200, "text/plain;charset=UTF-8", "success"));
        String qr = alipay.start(order(1)).client().get("qr_code");
        assertThat(qr).startsWith("http://localhost:" + port + "/sandbox/alipay/pay/");
    }

    @Test
    void anOrderPaidInTheSandboxIsNotifiedVerifiedQueriedRefundedOnceAndBilled() throws Exception {
        ChannelOrder order = order(2000);
        PaymentChannel.Checkout checkout = channel.start(order);
        assertThat(checkout.channel()).isEqualTo("alipay");
        assertThat(checkout.orderNumber()).isEqualTo(order.number());
        String qr = checkout.client().get("qr_code");
        assertThat(channel.start(order).client().get("qr_code")).as("pre-creating again is the same code").isEqualTo(qr);
        assertThat(channel.query(order.number()).orElseThrow().state()).isEqualTo(Notification.State.NOT_PAID);

        HttpResponse<String> paid = post(qr);
        assertThat(paid.statusCode()).isEqualTo(200);
        String tradeNo = JSON.readTree(paid.body()).path("trade_no").asString();

        String body = received.poll(10, TimeUnit.SECONDS);
        assertThat(body).as("the notification arrived").isNotNull();
        Notification n = channel.verify(request(body));
        assertThat(n.orderNumber()).isEqualTo(order.number());
        assertThat(n.transactionId()).isEqualTo(tradeNo);
        assertThat(n.amountFen()).isEqualTo(2000);
        assertThat(n.state()).isEqualTo(Notification.State.PAID);
        assertThat(n.at()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(n.notificationId()).isEqualTo(form(body).get("notify_id"));
        assertThat(channel.verify(request(body)).notificationId()).as("a replay is the same notification")
                .isEqualTo(n.notificationId());

        Notification queried = channel.query(order.number()).orElseThrow();
        assertThat(queried.state()).isEqualTo(Notification.State.PAID);
        assertThat(queried.transactionId()).isEqualTo(tradeNo);
        assertThat(queried.amountFen()).isEqualTo(2000);
        assertThat(queried.at()).as("Alipay's Beijing time read as such").isBetween(n.at().minusSeconds(1), n.at().plusSeconds(1));
        assertThat(post(qr).statusCode()).as("paid once only").isEqualTo(409);
        channel.close(order.number());
        assertThat(channel.query(order.number()).orElseThrow().state()).as("a paid trade is not closed")
                .isEqualTo(Notification.State.PAID);
        assertThat(channel.settled(LocalDate.now(AlipayChannel.BEIJING)))
                .anySatisfy(s -> {
                    assertThat(s.orderNumber()).isEqualTo(order.number());
                    assertThat(s.transactionId()).isEqualTo(tradeNo);
                    assertThat(s.amountFen()).isEqualTo(2000);
                    assertThat(s.state()).isEqualTo(Notification.State.PAID);
                });

        ChannelRefund refund = new ChannelRefund(order.number(), tradeNo, "R" + order.number(), 2000, "申请被驳回");
        assertThat(channel.refund(refund).done()).isTrue();
        assertThat(channel.refund(refund).done()).as("a retried refund is the same refund").isTrue();
        assertThat(channel.query(order.number()).orElseThrow().state()).isEqualTo(Notification.State.REFUNDED);
        assertThatThrownBy(() -> channel.refund(new ChannelRefund(order.number(), tradeNo, "R2" + order.number(), 2000,
                "again"))).as("no second refund under another number").isInstanceOf(ChannelUnavailable.class)
                .hasMessageContaining("ACQ.TRADE_STATUS_ERROR");
    }

    @Test
    void aClosedOrderCannotBePaidAndAnUnknownOneIsNotThere() throws Exception {
        ChannelOrder order = order(500);
        String qr = channel.start(order).client().get("qr_code");
        channel.close(order.number());
        assertThat(channel.query(order.number()).orElseThrow().state()).isEqualTo(Notification.State.CLOSED);
        assertThat(post(qr).statusCode()).isEqualTo(409);
        channel.close(order.number());
        channel.close("NO-SUCH-" + UUID.randomUUID());
        assertThat(channel.query("NO-SUCH-" + UUID.randomUUID())).isEmpty();
        assertThat(received.poll(1, TimeUnit.SECONDS)).as("nothing was notified").isNull();
    }

    @Test
    void aNotificationTheMerchantDoesNotTakeIsSentAgainWithTheSameId() throws Exception {
        refuseNext.set(1);
        String qr = channel.start(order(100)).client().get("qr_code");
        assertThat(post(qr).statusCode()).isEqualTo(200);
        String first = received.poll(10, TimeUnit.SECONDS);
        String again = received.poll(10, TimeUnit.SECONDS);
        assertThat(again).as("sent again after the refusal").isNotNull();
        assertThat(channel.verify(request(again)).notificationId()).isEqualTo(channel.verify(request(first)).notificationId());
    }

    @Test
    void forgedAlteredAndMalformedNotificationsAreRefused() throws Exception {
        String qr = channel.start(order(2000)).client().get("qr_code");
        post(qr);
        String body = received.poll(10, TimeUnit.SECONDS);
        Map<String, String> real = form(body);
        String alipayKey = sandbox.keys().alipayPrivateKey();

        Map<String, String> wrongSignature = new HashMap<>(real);
        wrongSignature.put("sign", Base64.getEncoder().encodeToString(new byte[256]));
        refused(wrongSignature, "signature");

        Map<String, String> altered = new HashMap<>(real);
        altered.put("total_amount", "0.01");
        refused(altered, "signature");

        refused(AlipaySandbox.signed(real, AlipayNotifications.otherKey()), "signature");

        Map<String, String> otherApp = new HashMap<>(real);
        otherApp.put("app_id", "2021000000000000");
        refused(AlipaySandbox.signed(otherApp, alipayKey), "another application");

        Map<String, String> threeDecimals = new HashMap<>(real);
        threeDecimals.put("total_amount", "20.001");
        refused(AlipaySandbox.signed(threeDecimals, alipayKey), "total_amount");

        Map<String, String> unsigned = new HashMap<>(real);
        unsigned.remove("sign");
        refused(unsigned, "not signed");

        Map<String, String> rsa1 = new HashMap<>(real);
        rsa1.put("sign_type", "RSA");
        refused(rsa1, "RSA2");

        Map<String, String> noId = new HashMap<>(real);
        noId.remove("notify_id");
        refused(AlipaySandbox.signed(noId, alipayKey), "notify_id");

        assertThatThrownBy(() -> channel.verify(new NotificationRequest(Map.of(), "sign=%zz&x".getBytes(), FORM)))
                .isInstanceOf(ForgedNotification.class);
        assertThatThrownBy(() -> channel.verify(new NotificationRequest(Map.of(), new byte[0], FORM)))
                .isInstanceOf(ForgedNotification.class);
        assertThatThrownBy(() -> channel.verify(new NotificationRequest(Map.of(), body.getBytes(), "application/json")))
                .isInstanceOf(ForgedNotification.class);
        assertThatThrownBy(() -> channel.verify(request(body + "&total_amount=0.01")))
                .as("a field twice").isInstanceOf(ForgedNotification.class);
        assertThat(channel.verify(request(body)).amountFen()).as("the real one still passes").isEqualTo(2000);
    }

    @Test
    void aGatewayThatCannotBeReachedOrFailsIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AlipayMerchant sandboxMerchant = sandbox.merchant(() -> URI.create("http://127.0.0.1/notify"));
        AlipayChannel away = new AlipayChannel(new AlipayMerchant(sandboxMerchant.appId(), sandboxMerchant.privateKey(),
                sandboxMerchant.alipayPublicKey(), () -> URI.create("http://127.0.0.1:" + closed + "/gateway.do"),
                sandboxMerchant.notifyUrl()));
        assertThatThrownBy(() -> away.start(order(100))).isInstanceOf(ChannelUnavailable.class);

        HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> forgedAnswer = Collections.synchronizedList(new ArrayList<>());
        failing.createContext("/500", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        // an answer in Alipay's format but not signed by Alipay's key
        failing.createContext("/forged", exchange -> {
            byte[] answer = ("{\"alipay_trade_query_response\":{\"code\":\"10000\",\"msg\":\"Success\",\"trade_status\":"
                    + "\"TRADE_SUCCESS\",\"total_amount\":\"20.00\",\"trade_no\":\"1\"},\"sign\":\""
                    + Base64.getEncoder().encodeToString(new byte[256]) + "\"}").getBytes(StandardCharsets.UTF_8);
            forgedAnswer.add("asked");
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        failing.start();
        try {
            for (String path : List.of("/500", "/forged")) {
                AlipayChannel broken = new AlipayChannel(new AlipayMerchant(sandboxMerchant.appId(),
                        sandboxMerchant.privateKey(), sandboxMerchant.alipayPublicKey(),
                        () -> URI.create("http://127.0.0.1:" + failing.getAddress().getPort() + path),
                        sandboxMerchant.notifyUrl()));
                assertThatThrownBy(() -> broken.query("T1")).as(path).isInstanceOf(ChannelUnavailable.class);
            }
            assertThat(forgedAnswer).isNotEmpty();
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void theSandboxRefusesACallNotSignedByTheMerchantsKey() {
        AlipayMerchant real = sandbox.merchant(() -> URI.create("http://127.0.0.1/notify"));
        AlipayChannel impostor = new AlipayChannel(new AlipayMerchant(real.appId(), AlipayNotifications.otherKey(), real.alipayPublicKey(),
                real.gateway(), real.notifyUrl()));
        assertThatThrownBy(() -> impostor.start(order(100))).isInstanceOf(ChannelUnavailable.class)
                .hasMessageContaining("isv.invalid-signature");
    }

    @Test
    void theSandboxAnswersBadCallsInAlipaysFormatAndUnknownPathsAndTradesWith404() throws Exception {
        HttpResponse<String> noMethod = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + AlipaySandbox.GATEWAY))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("biz_content=%3Cscript%3E&app_id=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noMethod.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(noMethod.body()).path("error_response").path("code").asString()).isEqualTo("40001");

        HttpResponse<String> unknownTrade = post("http://localhost:" + port + AlipaySandbox.PAY + "2026%3Cb%3E1");
        assertThat(unknownTrade.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownTrade.body()).path("code").asString()).isEqualTo("SANDBOX_TRADE_NOT_FOUND");
        assertThat(unknownTrade.body()).doesNotContain("<b>");
        // what the sandbox's paths answer when nothing is there, as all of them do when the sandbox is off
        HttpResponse<String> nothing = post("http://localhost:" + port + "/sandbox/alipay/nothing-here");
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(nothing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
    }

    private void refused(Map<String, String> params, String why) {
        assertThatThrownBy(() -> channel.verify(request(AlipaySandbox.formBody(params))))
                .isInstanceOf(ForgedNotification.class).hasMessageContaining(why);
    }

    private static NotificationRequest request(String body) {
        return AlipayNotifications.request(body);
    }

    private static Map<String, String> form(String body) {
        return AlipayChannel.form(body.getBytes(StandardCharsets.US_ASCII));
    }

    private static ChannelOrder order(long fen) {
        return new ChannelOrder("T" + UUID.randomUUID().toString().replace("-", ""), fen, "补领证照 工本费",
                Instant.now().plus(Duration.ofMinutes(30)));
    }

    private static HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
