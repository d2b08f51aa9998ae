package tongban.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tongban.acceptance.FeeSettlement;
import tongban.acceptance.Fees;
import tongban.identity.Subject;
import tongban.payment.PaymentChannel.Notification;
import tongban.payment.PaymentOrders.Order;
import tongban.payment.PaymentOrders.Status;

/**
 * The payment orders of decisions' fees (统一公共支付) and every transition of them: created once per application
 * ({@link Fees}), paid by a verified notification or a query, closed when withdrawn or expired, refunded through the
 * channel that was paid. Each transition is one short transaction with a compare-and-set on the order's state and its
 * audit entry; a provider is only ever called with no transaction open, under a number that makes the call
 * idempotent (the order's {@code out_trade_no}, the refund's number).
 */
@Component
class Payments implements Fees, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Shanghai"));
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    /** What a transition did with a notification: applied now, or known already (answered alike, nothing changed). */
    enum Applied { APPLIED, REPEAT }

    private final PaymentOrders orders;
    private final Map<String, PaymentChannel> channels = new TreeMap<>();
    private final FeeSettlement settlement;
    private final ApplicationEventPublisher events;
    private final Receipts receipts;
    private final Clock clock;
    private final Duration orderTtl;
    private final Duration firstBackoff;
    /** Refunds and receipts each on a thread of their own: a slow seal never holds a refund back. */
    private final ExecutorService refunds = worker("payment-refunds");
    private final ExecutorService receiptWork = worker("payment-receipts");

    Payments(PaymentOrders orders, List<PaymentChannel> channels, FeeSettlement settlement,
             ApplicationEventPublisher events, Receipts receipts, Clock clock,
             @Value("${tongban.payment.order-ttl:24h}") Duration orderTtl,
             @Value("${tongban.payment.retry-backoff:1m}") Duration firstBackoff) {
        this.orders = orders;
        channels.forEach(c -> this.channels.put(c.id(), c));
        this.settlement = settlement;
        this.events = events;
        this.receipts = receipts;
        this.clock = clock;
        this.orderTtl = orderTtl;
        this.firstBackoff = firstBackoff;
    }

    /** The channels one may pay by, by id. */
    List<String> channels() {
        return List.copyOf(channels.keySet());
    }

    Optional<PaymentChannel> channel(String id) {
        return Optional.ofNullable(id).map(channels::get);
    }

    // --- the port acceptance asks through ---

    @Override
    public boolean paid(Due due) {
        Optional<Order> existing = orders.ofApplication(due.application());
        if (existing.isEmpty()) {
            Instant now = clock.instant();
            Order order = new Order(newNumber("TB", now), due.application(), due.subjectId(), due.username(),
                    due.payerName(), due.item(),
                    due.description(), due.amountFen(), Status.UNPAID, now, now.plus(orderTtl), null, null, null, null,
                    null, null, null, null, 0, null, null, null, 0, null, null);
            orders.inTransaction(() -> {
                if (orders.insert(order)) {
                    events.publishEvent(new PaymentAudited(due.username(), "PAYMENT_ORDER_CREATED",
                            target(order.number()), Map.of("application", due.application().toString(),
                            "amountFen", due.amountFen())));
                }
                return null;
            });
            existing = orders.ofApplication(due.application());
        }
        Status status = existing.orElseThrow().status();
        return status == Status.PAID;
    }

    @Override
    public boolean stillDue(UUID application) {
        return orders.lockOfApplication(application).map(o -> o.status() == Status.UNPAID).orElse(false);
    }

    @Override
    public void ended(UUID application, String actor, String reason) {
        Optional<Order> locked = orders.lockOfApplication(application);
        if (locked.isEmpty()) {
            return;
        }
        Order order = locked.get();
        Instant now = clock.instant();
        if (order.status() == Status.UNPAID && orders.markClosed(order.number(), reason, now)) {
            events.publishEvent(new PaymentAudited(actor, "PAYMENT_CLOSED", target(order.number()),
                    Map.of("reason", reason)));
            afterCommit(refunds, () -> closeAtProviders(order.number()));
        } else if (order.status() == Status.PAID && order.refundNumber() == null) {
            orders.requestRefund(order.number(), newNumber("RF", now), reason, now);
            events.publishEvent(new PaymentAudited(actor, "PAYMENT_REFUND_REQUESTED", target(order.number()),
                    Map.of("reason", reason)));
            afterCommit(refunds, () -> refund(order.number()));
        }
    }

    // --- paying ---

    /** The subject's own order of an application; another's is not found. */
    Order of(Subject subject, UUID application) {
        return orders.ofApplication(application).filter(o -> o.subjectId().equals(subject.id()))
                .orElseThrow(() -> new PaymentRefused(PaymentRefused.Reason.PAYMENT_NOT_FOUND,
                        "no payment for application " + application, null));
    }

    List<Order> of(Subject subject) {
        return orders.ofSubject(subject.id());
    }

    Map<String, Map<String, String>> checkouts(Order order) {
        return orders.checkouts(order.number());
    }

    /**
     * Starts paying the subject's order by a channel: the provider's order is created once (the same channel asked
     * again answers the checkout it gave first); nothing is charged here.
     */
    PaymentChannel.Checkout start(Subject subject, UUID application, String channelId) {
        if (channelId == null || channelId.isBlank()) {
            throw new PaymentRefused(PaymentRefused.Reason.CHANNEL_REQUIRED, "name a channel: " + channels(), "channel");
        }
        Order order = of(subject, application);
        PaymentChannel channel = channel(channelId).orElseThrow(() -> new PaymentRefused(
                PaymentRefused.Reason.UNKNOWN_CHANNEL, "no channel '" + channelId + "'; one of " + channels(),
                "channel"));
        if (order.status() != Status.UNPAID || !clock.instant().isBefore(order.expiresAt())) {
            throw new PaymentRefused(PaymentRefused.Reason.ORDER_NOT_PAYABLE, "the order " + order.number() + " is "
                    + (order.status() == Status.UNPAID ? "expired" : order.status()) + "; there is nothing to pay", null);
        }
        Map<String, String> kept = orders.checkouts(order.number()).get(channel.id());
        if (kept != null) {
            return new PaymentChannel.Checkout(channel.id(), order.number(), kept);
        }
        PaymentChannel.Checkout checkout = channel.start(new PaymentChannel.ChannelOrder(order.number(),
                order.amountFen(), order.description(), order.expiresAt()));
        Map<String, String> first = orders.keepCheckout(order.number(), channel.id(), checkout.client(),
                clock.instant());
        return new PaymentChannel.Checkout(channel.id(), order.number(), first);
    }

    /**
     * A channel's notification: verified by the channel, then applied once. A forged one, an unknown order, another
     * amount, or one that does not follow from the order's state is refused and changes nothing; one applied before
     * is answered as the provider wants, again changing nothing.
     */
    PaymentChannel.Acknowledgement notify(String channelId, PaymentChannel.NotificationRequest request) {
        PaymentChannel channel = channel(channelId).orElseThrow(() -> new PaymentRefused(
                PaymentRefused.Reason.UNKNOWN_CHANNEL, "no channel '" + channelId + "'", null));
        Notification notification;
        try {
            notification = channel.verify(request);
        } catch (PaymentChannel.ForgedNotification e) {
            log.warn("{} notification rejected: {}", channel.id(), e.getMessage());
            throw new PaymentRefused(PaymentRefused.Reason.NOTIFICATION_REJECTED,
                    "the notification failed verification; nothing changed", null);
        }
        Applied applied = apply(channel.id(), notification);
        log.info("{} notification for order {}: {} {}", channel.id(), notification.orderNumber(),
                notification.state(), applied);
        return channel.accepted();
    }

    /** Applies what a provider reports of an order (a notification or a query) in one transaction. */
    Applied apply(String channel, Notification n) {
        Instant now = clock.instant();
        return orders.inTransaction(() -> {
            if (n.notificationId() != null && !orders.remember(channel, n.notificationId(), n.orderNumber(), now)) {
                return Applied.REPEAT;
            }
            Order order = orders.lock(n.orderNumber()).orElseThrow(() -> new PaymentRefused(
                    PaymentRefused.Reason.ORDER_UNKNOWN, "no order " + n.orderNumber(), null));
            boolean same = channel.equals(order.channel()) && n.transactionId() != null
                    && n.transactionId().equals(order.transactionId());
            return switch (n.state()) {
                case PAID -> {
                    if (order.status() != Status.UNPAID) {
                        if (same) {
                            yield Applied.REPEAT;
                        }
                        throw new PaymentRefused(order.status() == Status.PAID
                                ? PaymentRefused.Reason.NOTIFICATION_OUT_OF_ORDER : PaymentRefused.Reason.ORDER_NOT_PAYABLE,
                                "the order " + order.number() + " is " + order.status() + "; this payment is not its own",
                                null);
                    }
                    if (n.amountFen() != order.amountFen()) {
                        throw new PaymentRefused(PaymentRefused.Reason.AMOUNT_MISMATCH, "the order " + order.number()
                                + " is for " + order.amountFen() + " fen, not " + n.amountFen(), null);
                    }
                    orders.markPaid(order.number(), channel, n.transactionId(), n.amountFen(),
                            n.at() == null ? now : n.at());
                    events.publishEvent(new PaymentAudited(PaymentAudited.SYSTEM, "PAYMENT_RECEIVED",
                            target(order.number()), Map.of("channel", channel, "transactionId", n.transactionId(),
                            "amountFen", n.amountFen(), "application", order.application().toString())));
                    settlement.paid(order.application());
                    afterCommit(receiptWork, () -> receipts.issue(order.number()));
                    yield Applied.APPLIED;
                }
                case REFUNDED -> {
                    if (order.status() == Status.REFUNDED && same) {
                        yield Applied.REPEAT;
                    }
                    if (order.status() == Status.PAID && same && order.refundNumber() != null) {
                        refunded(order, now);
                        yield Applied.APPLIED;
                    }
                    throw new PaymentRefused(PaymentRefused.Reason.NOTIFICATION_OUT_OF_ORDER, "no refund of order "
                            + order.number() + " was asked for", null);
                }
                case NOT_PAID, CLOSED -> {
                    if (order.status() == Status.UNPAID || order.status() == Status.CLOSED) {
                        yield Applied.REPEAT;
                    }
                    throw new PaymentRefused(PaymentRefused.Reason.NOTIFICATION_OUT_OF_ORDER, "the order "
                            + order.number() + " is " + order.status(), null);
                }
            };
        });
    }

    // --- refunds ---

    /**
     * Refunds an order whose refund is due through the channel it was paid by, under its reserved refund number; a
     * provider that cannot be reached is asked again later with backoff. Runs with no transaction open.
     */
    void refund(String number) {
        Order order = orders.find(number).orElseThrow();
        if (order.status() != Status.PAID || order.refundNumber() == null) {
            return;
        }
        PaymentChannel channel = channels.get(order.channel());
        if (channel == null) {
            orders.refundLater(number, clock.instant().plus(backoff(order.refundAttempts())),
                    "channel " + order.channel() + " is not configured");
            return;
        }
        try {
            PaymentChannel.RefundResult result = channel.refund(new PaymentChannel.ChannelRefund(number,
                    order.transactionId(), order.refundNumber(), order.paidFen(), order.refundReason()));
            if (result.done()) {
                orders.inTransaction(() -> {
                    Order locked = orders.lock(number).orElseThrow();
                    if (locked.status() == Status.PAID) {
                        refunded(locked, clock.instant());
                    }
                    return null;
                });
            } else {
                // accepted and pending at the provider: asked again (same refund number) by reconciliation
                orders.refundLater(number, clock.instant().plus(backoff(order.refundAttempts())), "pending");
            }
        } catch (PaymentChannel.ChannelUnavailable e) {
            log.warn("refund of order {} not made, {} unavailable: {}", number, channel.id(), e.getMessage());
            orders.refundLater(number, clock.instant().plus(backoff(order.refundAttempts())), "unavailable");
        }
    }

    private void refunded(Order order, Instant now) {
        if (orders.markRefunded(order.number(), now)) {
            events.publishEvent(new PaymentAudited(PaymentAudited.SYSTEM, "PAYMENT_REFUNDED", target(order.number()),
                    Map.of("channel", order.channel(), "refundNumber", order.refundNumber(), "amountFen",
                            order.paidFen())));
        }
    }

    /**
     * Closes a closed order at every provider it was started with, so its code can no longer be paid; false, to be
     * asked again by reconciliation, while one cannot be reached. Runs with no transaction open.
     */
    boolean closeAtProviders(String number) {
        for (String channelId : orders.checkouts(number).keySet()) {
            PaymentChannel channel = channels.get(channelId);
            if (channel == null) {
                log.warn("order {} cannot be closed at {}: the channel is not configured", number, channelId);
                return false;
            }
            try {
                channel.close(number);
            } catch (PaymentChannel.ChannelUnavailable e) {
                log.warn("order {} not closed at {} yet: {}", number, channelId, e.getMessage());
                return false;
            }
        }
        orders.markClosedAtProviders(number, clock.instant());
        return true;
    }

    // --- expiry ---

    /** Closes an unpaid order past its expiry (after its channels said it is unpaid); its application ends. */
    boolean expire(String number) {
        Instant now = clock.instant();
        return orders.inTransaction(() -> {
            Order order = orders.lock(number).orElseThrow();
            if (order.status() != Status.UNPAID || now.isBefore(order.expiresAt())
                    || !orders.markClosed(number, "EXPIRED", now)) {
                return false;
            }
            events.publishEvent(new PaymentAudited(PaymentAudited.SYSTEM, "PAYMENT_CLOSED", target(number),
                    Map.of("reason", "EXPIRED")));
            settlement.expired(order.application());
            return true;
        });
    }

    /** The delay before the next try after {@code attempts} failed ones: doubling from the first, at most an hour. */
    Duration backoff(int attempts) {
        Duration d = firstBackoff.multipliedBy(1L << Math.min(attempts, 16));
        return d.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : d;
    }

    /** A number of at most 32 letters and digits: a prefix, the day and 22 random base-62 characters (131 bits). */
    static String newNumber(String prefix, Instant now) {
        StringBuilder number = new StringBuilder(prefix).append(DAY.format(now));
        while (number.length() < 32) {
            number.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return number.toString();
    }

    static String target(String number) {
        return "payment/" + number;
    }

    private static ExecutorService worker(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code then} on {@code work} once the current transaction commits (at once if there is none). */
    private void afterCommit(ExecutorService work, Runnable then) {
        Runnable safe = () -> {
            try {
                then.run();
            } catch (RuntimeException e) {
                // reconciliation takes it up again
                log.warn("payment follow-up failed, reconciliation retries it: {}", e.toString());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.execute(safe);
                }
            });
        } else {
            work.execute(safe);
        }
    }

    @Override
    public void destroy() {
        refunds.shutdownNow();
        receiptWork.shutdownNow();
    }
}
