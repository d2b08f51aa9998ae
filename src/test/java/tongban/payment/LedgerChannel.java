package tongban.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tongban.platform.Json;
import tools.jackson.databind.JsonNode;

/**
 * A provider for the payment core's integration tests, standing in for WeChat Pay and Alipay whose channels are built
 * beside this one: it keeps a ledger of orders, payments and refunds in memory and signs its notifications with
 * HMAC-SHA256 under a key of its own, which {@link #verify} checks in constant time, so a forged or altered
 * notification really fails. It can be taken down ({@link #down}) to play an outage.
 */
class LedgerChannel implements PaymentChannel {

    static final String ID = "ledger";

    /** What the ledger holds of a payment. */
    record Payment(String order, String transaction, long amountFen, LocalDate day) {
    }

    private final byte[] key = new byte[32];
    final Map<String, ChannelOrder> orders = new ConcurrentHashMap<>();
    final Map<String, Payment> payments = new ConcurrentHashMap<>();
    final Map<String, RefundResult> refunds = new ConcurrentHashMap<>();
    final List<Payment> settled = java.util.Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean down;

    LedgerChannel() {
        new SecureRandom().nextBytes(key);
    }

    @TestConfiguration
    static class Config {
        @Bean
        LedgerChannel ledgerChannel() {
            return new LedgerChannel();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Checkout start(ChannelOrder order) {
        up();
        starts.incrementAndGet();
        orders.putIfAbsent(order.number(), order);
        return new Checkout(ID, order.number(), Map.of("code_url", "ledger://pay/" + order.number(),
                "pay_url", "/sandbox/ledger/" + order.number()));
    }

    /** The payer pays an order at the provider: the payment is settled and its notification (signed) returned. */
    NotificationRequest pay(String order, long amountFen) {
        Payment payment = new Payment(order, "T" + UUID.randomUUID().toString().replace("-", ""), amountFen,
                LocalDate.now(ZoneId.of("Asia/Shanghai")));
        payments.put(order, payment);
        settled.add(payment);
        return notification(UUID.randomUUID().toString(), payment, "PAID");
    }

    NotificationRequest notification(String id, Payment payment, String state) {
        byte[] body = Json.write(Map.of("id", id, "order", payment.order(), "transaction", payment.transaction(),
                "amountFen", payment.amountFen(), "state", state, "at", Instant.now().toString()))
                .getBytes(StandardCharsets.UTF_8);
        return new NotificationRequest(Map.of("x-ledger-signature", sign(body)), body, "application/json");
    }

    @Override
    public Notification verify(NotificationRequest request) {
        String signature = request.headers().get("x-ledger-signature");
        if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                sign(request.body()).getBytes(StandardCharsets.US_ASCII))) {
            throw new ForgedNotification("bad signature");
        }
        try {
            JsonNode n = Json.read(new String(request.body(), StandardCharsets.UTF_8));
            return new Notification(n.path("order").asString(), n.path("transaction").asString(),
                    n.path("amountFen").asLong(), Notification.State.valueOf(n.path("state").asString()),
                    Instant.parse(n.path("at").asString()), n.path("id").asString());
        } catch (RuntimeException e) {
            throw new ForgedNotification("malformed: " + e.getMessage());
        }
    }

    @Override
    public Acknowledgement accepted() {
        return new Acknowledgement(200, "text/plain", "success");
    }

    @Override
    public Optional<Notification> query(String orderNumber) {
        up();
        Payment p = payments.get(orderNumber);
        return p == null ? Optional.empty() : Optional.of(new Notification(orderNumber, p.transaction(), p.amountFen(),
                refunds.containsKey(orderNumber) ? Notification.State.REFUNDED : Notification.State.PAID,
                Instant.now(), null));
    }

    @Override
    public RefundResult refund(ChannelRefund refund) {
        up();
        return refunds.computeIfAbsent(refund.refundNumber(), n -> new RefundResult(n, true));
    }

    @Override
    public List<Notification> settled(LocalDate day) {
        up();
        synchronized (settled) {
            return settled.stream().filter(p -> p.day().equals(day)).map(p -> new Notification(p.order(),
                    p.transaction(), p.amountFen(), Notification.State.PAID, Instant.now(), null)).toList();
        }
    }

    private void up() {
        if (down) {
            throw new ChannelUnavailable("the ledger is down", null);
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
