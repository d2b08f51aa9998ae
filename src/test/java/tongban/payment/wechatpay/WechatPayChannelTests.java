package tongban.payment.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.cipher.RSASigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.payment.PaymentChannel;
import tongban.payment.PaymentChannel.ChannelOrder;
import tongban.payment.PaymentChannel.ChannelRefund;
import tongban.payment.PaymentChannel.ChannelUnavailable;
import tongban.payment.PaymentChannel.Checkout;
import tongban.payment.PaymentChannel.ForgedNotification;
import tongban.payment.PaymentChannel.Notification;
import tongban.payment.PaymentChannel.NotificationRequest;
import tongban.support.Http;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WeChat Pay channel through WeChat Pay's own SDK against the embedded sandbox, over real HTTP: an order is
 * started, paid by the sandbox's payer, notified to a receiver of this test (a real HTTP server), verified, queried,
 * refunded (twice under one number, once) and found in the day's trade bill; every notification attack is refused;
 * a notification not taken is sent again; an unreachable WeChat Pay is {@link ChannelUnavailable}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tongban.payment.wechatpay.sandbox-retries=PT0.2S,PT0.2S")
class WechatPayChannelTests {

    private static final Receiver RECEIVER = Receiver.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A key that is neither the merchant's nor WeChat Pay's. */
    private static final PrivateKey ANOTHER_KEY = anotherKey();

    @DynamicPropertySource
    static void notifyHere(DynamicPropertyRegistry registry) {
        registry.add("tongban.payment.wechatpay.notify-url", RECEIVER::url);
    }

    @Autowired
    List<PaymentChannel> channels;
    @Autowired
    SandboxKeys keys;
    @Autowired
    Clock clock;
    @Value("${tongban.data-dir}")
    Path dataDir;
    @LocalServerPort
    int port;

    private PaymentChannel channel;

    @BeforeEach
    void channel() {
        channel = channels.stream().filter(c -> c.id().equals("wechatpay")).findFirst().orElseThrow();
        RECEIVER.received.clear();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.server.stop(0);
    }

    @Test
    void aPaidOrderIsNotifiedVerifiedAndQueried() {
        String number = number();
        Checkout checkout = channel.start(new ChannelOrder(number, 2000, "<b>证照换领</b> 20元", Instant.now().plusSeconds(900)));
        assertThat(checkout.channel()).isEqualTo("wechatpay");
        assertThat(checkout.client().get("code_url")).startsWith("weixin://wxpay/bprepayurl?pr=");
        assertThat(checkout.client().get("pay_url")).isEqualTo("http://localhost:" + port + "/sandbox/wechatpay/pay/" + number);
        // a retry of the start is the same order and code
        assertThat(channel.start(new ChannelOrder(number, 2000, "<b>证照换领</b> 20元", null)).client())
                .containsEntry("code_url", checkout.client().get("code_url"));
        assertThat(channel.query(number)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo(Notification.State.NOT_PAID);
            assertThat(n.amountFen()).isEqualTo(2000);
        });

        Http.Response page = new Http(port).get("/sandbox/wechatpay/pay/" + number, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("¥20.00", "&lt;b&gt;证照换领").doesNotContain("<b>证照换领");

        NotificationRequest sent = pay(number);
        Notification verified = channel.verify(sent);
        assertThat(verified.orderNumber()).isEqualTo(number);
        assertThat(verified.state()).isEqualTo(Notification.State.PAID);
        assertThat(verified.amountFen()).isEqualTo(2000);
        assertThat(verified.transactionId()).startsWith("42");
        assertThat(verified.notificationId()).isEqualTo(JSON.readTree(sent.body()).path("id").asString());

        // a replay verifies again (it is WeChat Pay's), under the same id: the core takes it once; the payer paying
        // again sends the same event again
        assertThat(channel.verify(sent).notificationId()).isEqualTo(verified.notificationId());
        assertThat(channel.verify(pay(number))).isEqualTo(verified);

        assertThat(channel.query(number)).hasValueSatisfying(n -> {
            assertThat(n.state()).isEqualTo(Notification.State.PAID);
            assertThat(n.transactionId()).isEqualTo(verified.transactionId());
        });
        assertThat(channel.query(number())).isEmpty();
        // another amount under the same number is another order: WeChat Pay refuses it
        assertThatThrownBy(() -> channel.start(new ChannelOrder(number, 3000, "证照换领", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("INVALID_REQUEST");
    }

    @Test
    void aClosedOrderCannotBePaidAndClosingAgainAnUnknownOrAPaidOneIsNoError() {
        String number = number();
        channel.start(new ChannelOrder(number, 500, "证照换领", null));
        channel.close(number);
        assertThat(channel.query(number)).hasValueSatisfying(n -> assertThat(n.state()).isEqualTo(Notification.State.CLOSED));
        Http.Response paid = new Http(port).post("/sandbox/wechatpay/pay/" + number, null,
                java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        assertThat(paid.status()).isEqualTo(400);
        assertThat(paid.body()).contains("ORDER_CLOSED");
        channel.close(number);
        channel.close(number());

        String other = number();
        channel.start(new ChannelOrder(other, 500, "证照换领", null));
        channel.verify(pay(other));
        channel.close(other);
        assertThat(channel.query(other)).hasValueSatisfying(n -> assertThat(n.state()).isEqualTo(Notification.State.PAID));
    }

    @Test
    void aPaidOrderIsRefundedOnceUnderItsRefundNumberAndSettled() {
        String number = number();
        channel.start(new ChannelOrder(number, 2000, "证照换领", null));
        Notification paid = channel.verify(pay(number));

        String refundNumber = "R" + number;
        ChannelRefund refund = new ChannelRefund(number, paid.transactionId(), refundNumber, 2000, "申请已撤回");
        assertThat(channel.refund(refund).done()).isTrue();
        assertThat(channel.refund(refund)).isEqualTo(new PaymentChannel.RefundResult(refundNumber, true));
        assertThatThrownBy(() -> channel.refund(new ChannelRefund(number, null, "R2" + number, 2000, "again")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOT_ENOUGH");
        assertThat(channel.query(number)).hasValueSatisfying(n -> assertThat(n.state()).isEqualTo(Notification.State.REFUNDED));

        List<Notification> bill = channel.settled(LocalDate.now(clock));
        assertThat(bill).filteredOn(n -> n.orderNumber().equals(number))
                .extracting(Notification::state, Notification::amountFen, Notification::transactionId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Notification.State.PAID, 2000L, paid.transactionId()),
                        org.assertj.core.groups.Tuple.tuple(Notification.State.REFUNDED, 2000L, paid.transactionId()));
        assertThat(channel.settled(LocalDate.of(2020, 1, 1))).isEmpty();
    }

    @Test
    void everyForgedNotificationIsRefused() {
        String number = number();
        channel.start(new ChannelOrder(number, 2000, "证照换领", null));
        NotificationRequest genuine = pay(number);
        String body = new String(genuine.body(), StandardCharsets.UTF_8);
        assertThat(channel.verify(genuine).state()).isEqualTo(Notification.State.PAID);

        Map<String, NotificationRequest> attacks = new java.util.LinkedHashMap<>();
        attacks.put("body altered after signing", new NotificationRequest(genuine.headers(),
                body.replace("支付成功", "支付成功 ").getBytes(StandardCharsets.UTF_8), genuine.contentType()));
        attacks.put("wrong signature", with(genuine, h -> {
            String signature = h.get("wechatpay-signature");
            h.put("wechatpay-signature", (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
            return h;
        }));
        attacks.put("signature that is no base64", with(genuine, h -> {
            h.put("wechatpay-signature", "%%%");
            return h;
        }));
        attacks.put("wrong serial", with(genuine, h -> {
            h.put("wechatpay-serial", "PUB_KEY_ID_0000000000000000000000000000");
            return h;
        }));
        attacks.put("stale timestamp", signed(body, Instant.now().minus(Duration.ofMinutes(6)), keys.platformKey()));
        attacks.put("timestamp in the future", signed(body, Instant.now().plus(Duration.ofMinutes(6)), keys.platformKey()));
        attacks.put("timestamp that is no number", with(genuine, h -> {
            h.put("wechatpay-timestamp", "yesterday");
            return h;
        }));
        attacks.put("malformed JSON, signed", signed("{\"id\":\"x\",\"resource\":", Instant.now(), keys.platformKey()));
        attacks.put("JSON without a resource, signed", signed("{\"id\":\"x\",\"event_type\":\"TRANSACTION.SUCCESS\"}",
                Instant.now(), keys.platformKey()));
        ObjectNode altered = (ObjectNode) JSON.readTree(body);
        ObjectNode resource = (ObjectNode) altered.get("resource");
        String ciphertext = resource.get("ciphertext").asString();
        resource.put("ciphertext", (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1));
        attacks.put("ciphertext altered, re-signed (GCM tag fails)", signed(JSON.writeValueAsString(altered), Instant.now(),
                keys.platformKey()));
        ObjectNode otherData = (ObjectNode) JSON.readTree(body);
        ((ObjectNode) otherData.get("resource")).put("associated_data", "refund");
        attacks.put("associated data altered, re-signed", signed(JSON.writeValueAsString(otherData), Instant.now(),
                keys.platformKey()));
        for (String header : List.of("wechatpay-serial", "wechatpay-signature", "wechatpay-timestamp", "wechatpay-nonce")) {
            attacks.put("missing " + header, with(genuine, h -> {
                h.remove(header);
                return h;
            }));
        }
        attacks.put("signed by another key", signed(body, Instant.now(), ANOTHER_KEY));
        attacks.put("empty body", new NotificationRequest(genuine.headers(), new byte[0], "application/json"));

        attacks.forEach((attack, request) -> assertThatThrownBy(() -> channel.verify(request)).as(attack)
                .isInstanceOf(ForgedNotification.class));
    }

    @Test
    void aNotificationNotTakenIsSentAgainUnchanged() throws InterruptedException {
        String number = number();
        channel.start(new ChannelOrder(number, 500, "证照换领", null));
        RECEIVER.statuses.add(500);
        assertThat(new Http(port).post("/sandbox/wechatpay/pay/" + number, null,
                java.net.http.HttpRequest.BodyPublishers.noBody(), null).status()).isEqualTo(200);
        NotificationRequest refused = RECEIVER.next();
        NotificationRequest again = RECEIVER.next();
        assertThat(again.body()).isEqualTo(refused.body());
        assertThat(channel.verify(again).notificationId()).isEqualTo(channel.verify(refused).notificationId());
    }

    @Test
    void requestsNotSignedByTheMerchantAreRefused(@TempDir Path elsewhere) throws IOException {
        // another merchant key (of another serial): the sandbox refuses the call as WeChat Pay does
        Files.writeString(elsewhere.resolve("merchant-key.pem"), pem(ANOTHER_KEY));
        Files.copy(sandboxKeys().resolve("wechatpay-key.pem"), elsewhere.resolve("wechatpay-key.pem"));
        Files.copy(sandboxKeys().resolve("api-v3-key"), elsewhere.resolve("api-v3-key"));
        PaymentChannel stranger = WechatPayConfiguration.sandboxChannel(SandboxKeys.openOrCreate(elsewhere), RECEIVER::url,
                () -> URI.create("http://localhost:" + port), clock);
        assertThatThrownBy(() -> stranger.start(new ChannelOrder(number(), 100, "证照换领", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SIGN_ERROR");
    }

    @Test
    void answersNotSignedByWechatPaysKeyAreNotBelieved(@TempDir Path elsewhere) throws IOException {
        // the merchant's own key, but another key believed to be WeChat Pay's: the SDK refuses the sandbox's answers
        Files.copy(sandboxKeys().resolve("merchant-key.pem"), elsewhere.resolve("merchant-key.pem"));
        Files.writeString(elsewhere.resolve("wechatpay-key.pem"), pem(ANOTHER_KEY));
        Files.copy(sandboxKeys().resolve("api-v3-key"), elsewhere.resolve("api-v3-key"));
        PaymentChannel misled = WechatPayConfiguration.sandboxChannel(SandboxKeys.openOrCreate(elsewhere), RECEIVER::url,
                () -> URI.create("http://localhost:" + port), clock);
        String number = number();
        assertThatThrownBy(() -> misled.start(new ChannelOrder(number, 100, "证照换领", null)))
                .isInstanceOf(ChannelUnavailable.class).hasMessageContaining("failed verification");
    }

    @Test
    void pathsTheSandboxDoesNotServeAreNotFoundForAnyone() {
        Http http = new Http(port);
        assertThat(http.get("/sandbox/wechatpay/v3/certificates", null).status()).isEqualTo(404);
        assertThat(http.post("/sandbox/wechatpay/pay/" + number(), null,
                java.net.http.HttpRequest.BodyPublishers.noBody(), null).status()).isEqualTo(404);
        // the API is WeChat Pay's: a call without the merchant's signature is 401 SIGN_ERROR, nothing is made
        Http.Response unsigned = http.postJson("/sandbox/wechatpay/v3/pay/transactions/native", "{}", null);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().path("code").asString()).isEqualTo("SIGN_ERROR");
    }

    @Test
    void anUnreachableWechatPayIsUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PaymentChannel unreachable = WechatPayConfiguration.sandboxChannel(keys, RECEIVER::url,
                () -> URI.create("http://127.0.0.1:" + closed), clock);
        assertThatThrownBy(() -> unreachable.start(new ChannelOrder(number(), 100, "证照换领", null)))
                .isInstanceOf(ChannelUnavailable.class);
        assertThatThrownBy(() -> unreachable.query(number())).isInstanceOf(ChannelUnavailable.class);
        assertThatThrownBy(() -> unreachable.settled(LocalDate.now(clock))).isInstanceOf(ChannelUnavailable.class);
    }

    /** The sandbox's payer pays; the notification as it arrived at the receiver. */
    private NotificationRequest pay(String number) {
        Http.Response paid = new Http(port).post("/sandbox/wechatpay/pay/" + number, null,
                java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        assertThat(paid.status()).isEqualTo(200);
        try {
            return RECEIVER.next();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private NotificationRequest signed(String body, Instant at, PrivateKey key) {
        String timestamp = Long.toString(at.getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> headers = new HashMap<>();
        headers.put("wechatpay-serial", keys.publicKeyId());
        headers.put("wechatpay-timestamp", timestamp);
        headers.put("wechatpay-nonce", nonce);
        headers.put("wechatpay-signature", new RSASigner(keys.publicKeyId(), key).sign(timestamp + "\n" + nonce + "\n" + body + "\n").getSign());
        return new NotificationRequest(headers, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static NotificationRequest with(NotificationRequest request, UnaryOperator<Map<String, String>> change) {
        return new NotificationRequest(change.apply(new HashMap<>(request.headers())), request.body(), request.contentType());
    }

    private static PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private Path sandboxKeys() {
        return dataDir.resolve("keys").resolve("wechatpay-sandbox");
    }

    private static String number() {
        return "WX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** The merchant's notification endpoint for these tests: keeps what arrives, answers as planned (204 otherwise). */
    private record Receiver(HttpServer server, BlockingQueue<NotificationRequest> received, Queue<Integer> statuses) {

        static Receiver start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                Receiver receiver = new Receiver(server, new LinkedBlockingQueue<>(), new ConcurrentLinkedQueue<>());
                server.createContext("/notify", exchange -> {
                    Map<String, String> headers = new HashMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    receiver.received.add(new NotificationRequest(headers, body, headers.get("content-type")));
                    Integer status = receiver.statuses.poll();
                    exchange.sendResponseHeaders(status == null ? 204 : status, -1);
                    exchange.close();
                });
                server.start();
                return receiver;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
        }

        NotificationRequest next() throws InterruptedException {
            NotificationRequest request = received.poll(10, TimeUnit.SECONDS);
            assertThat(request).as("a notification within 10 s").isNotNull();
            return request;
        }
    }
}
