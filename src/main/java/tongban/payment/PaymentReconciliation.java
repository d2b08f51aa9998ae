package tongban.payment;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.payment.PaymentChannel.Notification;
import tongban.payment.PaymentOrders.Order;
import tongban.storage.ClusterJob;

/**
 * Reconciliation (对账) of payment orders with the providers, every {@code tongban.payment.reconcile-interval} on one
 * node at a time ({@link ClusterJob}): an unpaid order older than {@code tongban.payment.query-after} is queried at
 * every channel it was started with (a lost notification is recovered), one past its expiry and unpaid everywhere is
 * closed, refunds due are asked again, receipts not yet issued are issued, and the payments a provider settled
 * yesterday and today that no order holds as its own (对账差错) are recorded as audited findings and refunded. A
 * provider that cannot be reached is asked again with backoff; nothing is closed that a provider might have been paid
 * for, and a refund always goes under its reserved number, so no payer is charged or refunded twice.
 */
@Component
class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    /** This job's lock in Tongban's advisory-lock namespace (the fixity audit is 1, renewal 2). */
    static final int RECONCILIATION = 3;
    private static final int PAGE = 200;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final Payments payments;
    private final PaymentOrders orders;
    private final Receipts receipts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration queryAfter;
    private final ClusterJob job;

    PaymentReconciliation(Payments payments, PaymentOrders orders, Receipts receipts, ApplicationEventPublisher events,
                          Clock clock, DataSource dataSource,
                          @Value("${tongban.payment.query-after:5m}") Duration queryAfter) {
        this.payments = payments;
        this.orders = orders;
        this.receipts = receipts;
        this.events = events;
        this.clock = clock;
        this.queryAfter = queryAfter;
        this.job = new ClusterJob(dataSource, "payment reconciliation", RECONCILIATION);
    }

    /** What one run did. */
    record Run(int recovered, int closed, int refunded, int receipts, int findings) {
    }

    @Scheduled(initialDelayString = "${tongban.payment.reconcile-interval:5m}",
            fixedDelayString = "${tongban.payment.reconcile-interval:5m}")
    void scheduled() {
        try {
            job.start(id -> run());
        } catch (RuntimeException e) {
            log.warn("payment reconciliation not started: {}", e.getMessage());
        }
    }

    /** One pass; the scheduled runs go through {@link ClusterJob}, so only one node does this at a time. */
    Run run() {
        Instant now = clock.instant();
        int recovered = 0;
        int closed = 0;
        for (Order order : orders.unpaidBefore(now.minus(queryAfter), now, PAGE)) {
            switch (reconcile(order, now)) {
                case RECOVERED -> recovered++;
                case CLOSED -> closed++;
                default -> { }
            }
        }
        for (String number : orders.closesDue(PAGE)) {
            try {
                payments.closeAtProviders(number);
            } catch (RuntimeException e) {
                log.warn("order {} not closed at its providers: {}", number, e.toString());
            }
        }
        int refunded = 0;
        for (Order order : orders.refundsDue(now, PAGE)) {
            payments.refund(order.number());
            refunded += orders.find(order.number()).filter(o -> o.status() == PaymentOrders.Status.REFUNDED).isPresent()
                    ? 1 : 0;
        }
        int issued = 0;
        for (Order order : orders.withoutReceipt(PAGE)) {
            try {
                receipts.issue(order.number());
                issued++;
            } catch (RuntimeException e) {
                log.warn("receipt of order {} not issued yet: {}", order.number(), e.toString());
            }
        }
        int findings = settled(now);
        Run run = new Run(recovered, closed, refunded, issued, findings);
        if (recovered + closed + refunded + issued + findings > 0) {
            log.info("payment reconciliation: {}", run);
        }
        return run;
    }

    private enum Result { RECOVERED, CLOSED, UNCHANGED }

    private Result reconcile(Order order, Instant now) {
        boolean everywhere = true;
        for (String channelId : orders.checkouts(order.number()).keySet()) {
            Optional<PaymentChannel> channel = payments.channel(channelId);
            if (channel.isEmpty()) {
                everywhere = false;
                continue;
            }
            try {
                Optional<Notification> known = channel.get().query(order.number());
                if (known.isPresent() && known.get().state() == Notification.State.PAID) {
                    try {
                        payments.apply(channelId, known.get());
                        log.info("order {}: a lost {} notification recovered by query", order.number(), channelId);
                        return Result.RECOVERED;
                    } catch (PaymentRefused e) {
                        // e.g. another amount: left for a person, refunded as a finding once settled
                        log.warn("order {}: {} reports a payment that cannot be applied: {}", order.number(), channelId,
                                e.getMessage());
                        everywhere = false;
                    }
                }
            } catch (PaymentChannel.ChannelUnavailable e) {
                log.warn("order {}: {} cannot be queried now: {}", order.number(), channelId, e.getMessage());
                everywhere = false;
            }
        }
        if (!now.isBefore(order.expiresAt()) && everywhere) {
            return payments.expire(order.number()) ? Result.CLOSED : Result.UNCHANGED;
        }
        orders.queryLater(order.number(), now.plus(everywhere ? queryAfter : payments.backoff(order.queryAttempts())));
        return Result.UNCHANGED;
    }

    /** The payments each channel settled yesterday and today that are not their order's own payment. */
    private int settled(Instant now) {
        int found = 0;
        LocalDate today = LocalDate.ofInstant(now, BEIJING);
        for (String channelId : payments.channels()) {
            PaymentChannel channel = payments.channel(channelId).orElseThrow();
            for (LocalDate day : List.of(today.minusDays(1), today)) {
                List<Notification> settled;
                try {
                    settled = channel.settled(day);
                } catch (PaymentChannel.ChannelUnavailable e) {
                    log.warn("{} settlement of {} not read now: {}", channelId, day, e.getMessage());
                    continue;
                }
                for (Notification paid : settled) {
                    if (paid.state() == Notification.State.PAID && !ownPayment(channelId, paid)
                            && orders.inTransaction(() -> record(channelId, paid, now))) {
                        found++;
                    }
                }
            }
        }
        for (PaymentOrders.Finding finding : orders.unrefundedFindings()) {
            refund(finding);
        }
        return found;
    }

    /** Whether a settled payment is its order's, or one the order will take as its own (still unpaid: query first). */
    private boolean ownPayment(String channelId, Notification paid) {
        return orders.find(paid.orderNumber()).map(o -> o.status() == PaymentOrders.Status.UNPAID
                || (channelId.equals(o.channel()) && paid.transactionId().equals(o.transactionId()))).orElse(false);
    }

    private boolean record(String channelId, Notification paid, Instant now) {
        String refundNumber = Payments.newNumber("RX", now);
        if (!orders.recordFinding(channelId, paid.transactionId(), paid.orderNumber(), paid.amountFen(), refundNumber,
                now)) {
            return false;
        }
        events.publishEvent(new PaymentAudited(PaymentAudited.SYSTEM, "PAYMENT_WITHOUT_ORDER_FOUND",
                Payments.target(paid.orderNumber()), Map.of("channel", channelId, "transactionId",
                paid.transactionId(), "amountFen", paid.amountFen())));
        return true;
    }

    private void refund(PaymentOrders.Finding finding) {
        Optional<PaymentChannel> channel = payments.channel(finding.channel());
        if (channel.isEmpty()) {
            return;
        }
        try {
            PaymentChannel.RefundResult result = channel.get().refund(new PaymentChannel.ChannelRefund(
                    finding.orderNumber(), finding.transactionId(), finding.refundNumber(), finding.amountFen(),
                    "payment without an order"));
            if (result.done()) {
                orders.inTransaction(() -> {
                    if (orders.findingRefunded(finding.channel(), finding.transactionId(), clock.instant())) {
                        events.publishEvent(new PaymentAudited(PaymentAudited.SYSTEM, "PAYMENT_WITHOUT_ORDER_REFUNDED",
                                Payments.target(finding.orderNumber()), Map.of("channel", finding.channel(),
                                "transactionId", finding.transactionId(), "refundNumber", finding.refundNumber())));
                    }
                    return null;
                });
            }
        } catch (PaymentChannel.ChannelUnavailable e) {
            log.warn("refund of {} payment {} without an order not made now: {}", finding.channel(),
                    finding.transactionId(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
