package tongban.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A payment channel (支付渠道) of the public payment platform (统一公共支付), played by its provider through the
 * provider's own SDK: WeChat Pay API v3 ({@code wechatpay}) or Alipay ({@code alipay}), against the provider or, when
 * no merchant keys are configured, the embedded sandbox that signs with locally generated keys in the provider's real
 * formats. The same verification code runs in both cases.
 *
 * <p>Every call is idempotent on the order's number ({@code out_trade_no}) or the refund's number: a retry after a
 * time-out never charges or refunds twice. A provider that cannot be reached raises {@link ChannelUnavailable}.
 */
public interface PaymentChannel {

    /** The channel's id in URLs and records: {@code wechatpay} or {@code alipay}. */
    String id();

    /** Creates the provider's order for ours and says what the payer's client needs to pay it. */
    Checkout start(ChannelOrder order);

    /**
     * Verifies a notification exactly as production must (signature, certificate or key, decryption) and says what it
     * reports; raises {@link ForgedNotification} for anything that fails, without changing anything.
     */
    Notification verify(NotificationRequest request);

    /**
     * How the provider wants a notification it sent acknowledged once it is taken (or recognised as already taken):
     * WeChat Pay a 2xx with no body, Alipay the text {@code success}.
     */
    Acknowledgement accepted();

    /** What the provider knows of our order now (a lost notification is recovered this way); empty if it has none. */
    Optional<Notification> query(String orderNumber);

    /**
     * Closes our order at the provider (关单) once ours is closed, so its code can no longer be paid. An order the
     * provider never made, one it closed already, or one paid meanwhile (reconciliation finds that payment in the
     * provider's bill and refunds it) is no error.
     */
    void close(String orderNumber);

    /** Refunds a paid order in full under the refund's own number. */
    RefundResult refund(ChannelRefund refund);

    /** The payments the provider settled for the merchant on a day (对账单), to find payments without an order. */
    List<Notification> settled(LocalDate day);

    /** An HTTP answer in the provider's format. */
    record Acknowledgement(int status, String contentType, String body) {
    }

    /** Our order as a provider is told of it; amounts in fen (分), never floating point. */
    record ChannelOrder(String number, long amountFen, String description, java.time.Instant expiresAt) {
    }

    /**
     * What the payer's client needs: e.g. WeChat Pay's {@code code_url} or Alipay's {@code qr_code} for a QR code,
     * and where a browser goes to pay.
     */
    record Checkout(String channel, String orderNumber, java.util.Map<String, String> client) {
    }

    /** A notification as it arrived: its headers (names in lower case) and its raw body. */
    record NotificationRequest(java.util.Map<String, String> headers, byte[] body, String contentType) {
    }

    /**
     * What a verified notification (or a query) reports: our order's number, the provider's transaction id, the amount
     * paid in fen, the provider's state, when, and an id of the notification itself (for replays).
     */
    record Notification(String orderNumber, String transactionId, long amountFen, State state,
                        java.time.Instant at, String notificationId) {

        /** The provider's state of a payment. */
        public enum State { PAID, NOT_PAID, CLOSED, REFUNDED }
    }

    /** A full refund of a paid order under its own number. */
    record ChannelRefund(String orderNumber, String transactionId, String refundNumber, long amountFen, String reason) {
    }

    /** The provider's answer to a refund. */
    record RefundResult(String refundNumber, boolean done) {
    }

    /** A notification failed verification (forged, altered, stale or malformed); nothing changed. */
    final class ForgedNotification extends RuntimeException {
        public ForgedNotification(String message) {
            super(message);
        }
    }

    /** The provider could not be reached or answered with a fault; the caller retries with backoff. */
    final class ChannelUnavailable extends RuntimeException {
        public ChannelUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
