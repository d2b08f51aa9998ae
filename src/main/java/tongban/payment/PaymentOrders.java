package tongban.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.platform.Json;
import tools.jackson.core.type.TypeReference;

/**
 * Payment orders in PostgreSQL. Every transition is a compare-and-set on the status ({@code ... where status = ?}) in
 * a short transaction of the caller's ({@link #inTransaction}); nothing here holds a connection while a provider is
 * called.
 */
@Component
class PaymentOrders {

    /** The states of an order: UNPAID → PAID → REFUNDED, or UNPAID → CLOSED. */
    enum Status { UNPAID, PAID, REFUNDED, CLOSED }

    record Order(String number, UUID application, String subjectId, String username, String payerName, String item, String description,
                 long amountFen, Status status, Instant createdAt, Instant expiresAt, String channel,
                 String transactionId, Long paidFen, Instant paidAt, Instant closedAt, String closeReason,
                 String refundNumber, String refundReason, int refundAttempts, Instant refundNextAt, String refundError,
                 Instant refundedAt, int queryAttempts, UUID receiptId, String receiptNumber) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    PaymentOrders(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(tx -> work.get());
    }

    /** Inserts the order unless the application has one; true if this call created it. */
    boolean insert(Order o) {
        return jdbc.sql("insert into payment_order (number, application_id, subject_id, username, payer_name, item, "
                        + "description, amount_fen, status, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'UNPAID', ?, ?) "
                        + "on conflict (application_id) do nothing")
                .params(o.number(), o.application(), o.subjectId(), o.username(), o.payerName(), o.item(), o.description(),
                        o.amountFen(), ts(o.createdAt()), ts(o.expiresAt()))
                .update() > 0;
    }

    Optional<Order> find(String number) {
        return jdbc.sql("select * from payment_order where number = ?").param(number).query(PaymentOrders::row)
                .optional();
    }

    Optional<Order> ofApplication(UUID application) {
        return jdbc.sql("select * from payment_order where application_id = ?").param(application)
                .query(PaymentOrders::row).optional();
    }

    /** In the caller's transaction: the order, locked until it commits. */
    Optional<Order> lock(String number) {
        return jdbc.sql("select * from payment_order where number = ? for update").param(number)
                .query(PaymentOrders::row).optional();
    }

    /** In the caller's transaction: the application's order, locked until it commits. */
    Optional<Order> lockOfApplication(UUID application) {
        return jdbc.sql("select * from payment_order where application_id = ? for update").param(application)
                .query(PaymentOrders::row).optional();
    }

    List<Order> ofSubject(String subjectId) {
        return jdbc.sql("select * from payment_order where subject_id = ? order by created_at desc").param(subjectId)
                .query(PaymentOrders::row).list();
    }

    /** Records a notification's id; false if it was recorded before (a replay). */
    boolean remember(String channel, String notificationId, String number, Instant at) {
        return jdbc.sql("insert into payment_notification (channel, notification_id, order_number, received_at) "
                        + "values (?, ?, ?, ?) on conflict do nothing")
                .params(channel, notificationId, number, ts(at)).update() > 0;
    }

    boolean markPaid(String number, String channel, String transactionId, long paidFen, Instant at) {
        return jdbc.sql("update payment_order set status = 'PAID', channel = ?, transaction_id = ?, paid_fen = ?, "
                        + "paid_at = ? where number = ? and status = 'UNPAID'")
                .params(channel, transactionId, paidFen, ts(at), number).update() > 0;
    }

    boolean markClosed(String number, String reason, Instant at) {
        return jdbc.sql("update payment_order set status = 'CLOSED', close_reason = ?, closed_at = ? "
                        + "where number = ? and status = 'UNPAID'")
                .params(reason, ts(at), number).update() > 0;
    }

    /** Reserves the refund's number once (a retry refunds under the same one), due now. */
    boolean requestRefund(String number, String refundNumber, String reason, Instant at) {
        return jdbc.sql("update payment_order set refund_number = coalesce(refund_number, ?), "
                        + "refund_reason = coalesce(refund_reason, ?), refund_next_at = ? "
                        + "where number = ? and status = 'PAID'")
                .params(refundNumber, reason, ts(at), number).update() > 0;
    }

    /** Closed orders not yet closed at every provider they were started with, oldest first. */
    List<String> closesDue(int limit) {
        return jdbc.sql("select number from payment_order where status = 'CLOSED' and provider_closed_at is null "
                + "order by closed_at limit ?").param(limit).query(String.class).list();
    }

    void markClosedAtProviders(String number, Instant at) {
        jdbc.sql("update payment_order set provider_closed_at = ? where number = ? and status = 'CLOSED'")
                .params(ts(at), number).update();
    }

    boolean markRefunded(String number, Instant at) {
        return jdbc.sql("update payment_order set status = 'REFUNDED', refunded_at = ?, refund_next_at = null, "
                        + "refund_error = null where number = ? and status = 'PAID' and refund_number is not null")
                .params(ts(at), number).update() > 0;
    }

    void refundLater(String number, Instant next, String error) {
        jdbc.sql("update payment_order set refund_attempts = refund_attempts + 1, refund_next_at = ?, refund_error = ? "
                        + "where number = ? and status = 'PAID'")
                .params(ts(next), error, number).update();
    }

    void queryLater(String number, Instant next) {
        jdbc.sql("update payment_order set query_attempts = query_attempts + 1, query_next_at = ? "
                        + "where number = ? and status = 'UNPAID'")
                .params(ts(next), number).update();
    }

    /** Reserves the receipt's id and number once, committed: a retry seals the same ones. */
    Order reserveReceipt(String number, UUID id, String receiptNumber) {
        jdbc.sql("update payment_order set receipt_id = coalesce(receipt_id, ?), "
                        + "receipt_number = coalesce(receipt_number, ?) where number = ?")
                .params(id, receiptNumber, number).update();
        return find(number).orElseThrow();
    }

    /** Unpaid orders created before {@code before} that reconciliation may ask about now, oldest first. */
    List<Order> unpaidBefore(Instant before, Instant now, int limit) {
        return jdbc.sql("select * from payment_order where status = 'UNPAID' and created_at < ? "
                        + "and (query_next_at is null or query_next_at <= ?) order by created_at limit ?")
                .params(ts(before), ts(now), limit).query(PaymentOrders::row).list();
    }

    List<Order> refundsDue(Instant now, int limit) {
        return jdbc.sql("select * from payment_order where status = 'PAID' and refund_number is not null "
                        + "and refund_next_at <= ? order by refund_next_at limit ?")
                .params(ts(now), limit).query(PaymentOrders::row).list();
    }

    /** Paid orders whose receipt is not registered yet (never reserved, or reserved and interrupted). */
    List<Order> withoutReceipt(int limit) {
        return jdbc.sql("select * from payment_order o where status in ('PAID', 'REFUNDED') and (receipt_id is null "
                        + "or not exists (select 1 from archive_certificate c where c.id = o.receipt_id)) "
                        + "order by paid_at limit ?")
                .param(limit).query(PaymentOrders::row).list();
    }

    /** The channels a payment was started with, and what each answered. */
    Map<String, Map<String, String>> checkouts(String number) {
        Map<String, Map<String, String>> all = new java.util.TreeMap<>();
        jdbc.sql("select channel, client from payment_checkout where order_number = ?").param(number)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> all.put(e.getKey(), Json.MAPPER.readValue(e.getValue(), CLIENT)));
        return all;
    }

    /** Keeps a channel's first checkout; a concurrent second one is dropped and the first one answered. */
    Map<String, String> keepCheckout(String number, String channel, Map<String, String> client, Instant at) {
        jdbc.sql("insert into payment_checkout (order_number, channel, client, created_at) values (?, ?, cast(? as jsonb), ?) "
                        + "on conflict do nothing")
                .params(number, channel, Json.write(client), ts(at)).update();
        return checkouts(number).get(channel);
    }

    /** Records a settled payment no order holds; false if it was found before. */
    boolean recordFinding(String channel, String transactionId, String number, long amountFen, String refundNumber,
                          Instant at) {
        return jdbc.sql("insert into payment_finding (channel, transaction_id, order_number, amount_fen, found_at, "
                        + "refund_number) values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(channel, transactionId, number, amountFen, ts(at), refundNumber).update() > 0;
    }

    /** Findings not yet refunded: channel, transaction, order number, amount, refund number. */
    List<Finding> unrefundedFindings() {
        return jdbc.sql("select channel, transaction_id, order_number, amount_fen, refund_number from payment_finding "
                        + "where refunded_at is null order by found_at")
                .query((rs, n) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5))).list();
    }

    boolean findingRefunded(String channel, String transactionId, Instant at) {
        return jdbc.sql("update payment_finding set refunded_at = ? where channel = ? and transaction_id = ? "
                        + "and refunded_at is null")
                .params(ts(at), channel, transactionId).update() > 0;
    }

    record Finding(String channel, String transactionId, String orderNumber, long amountFen, String refundNumber) {
    }

    private static final TypeReference<Map<String, String>> CLIENT = new TypeReference<>() {
    };

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Order row(ResultSet rs, int n) throws SQLException {
        long paid = rs.getLong("paid_fen");
        Long paidFen = rs.wasNull() ? null : paid;
        return new Order(rs.getString("number"), rs.getObject("application_id", UUID.class),
                rs.getString("subject_id").strip(), rs.getString("username"), rs.getString("payer_name"),
                rs.getString("item"),
                rs.getString("description"), rs.getLong("amount_fen"), Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "expires_at"), rs.getString("channel"),
                rs.getString("transaction_id"), paidFen, instant(rs, "paid_at"), instant(rs, "closed_at"),
                rs.getString("close_reason"), rs.getString("refund_number"), rs.getString("refund_reason"),
                rs.getInt("refund_attempts"), instant(rs, "refund_next_at"), rs.getString("refund_error"),
                instant(rs, "refunded_at"), rs.getInt("query_attempts"), rs.getObject("receipt_id", UUID.class),
                rs.getString("receipt_number"));
    }
}
