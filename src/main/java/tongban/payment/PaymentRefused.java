package tongban.payment;

/** A payment request or notification refused with nothing changed; {@link PaymentErrors} says how it reads over HTTP. */
final class PaymentRefused extends RuntimeException {

    /** Why, by the stable code the API answers with. */
    enum Reason {
        /** no order for this application, or it is another's (404) */
        PAYMENT_NOT_FOUND,
        /** no channel of that id (404) */
        UNKNOWN_CHANNEL,
        /** the {@code channel} parameter is missing (400) */
        CHANNEL_REQUIRED,
        /** the order is paid, refunded or closed: nothing to pay (409) */
        ORDER_NOT_PAYABLE,
        /** a notification that failed the channel's verification (400) */
        NOTIFICATION_REJECTED,
        /** a notification naming no order of ours (404) */
        ORDER_UNKNOWN,
        /** a notification whose amount is not the order's (409) */
        AMOUNT_MISMATCH,
        /** a notification that does not follow from the order's state (409): paid again by another transaction,
         *  refunded without a refund asked for, unpaid after paid */
        NOTIFICATION_OUT_OF_ORDER
    }

    private final Reason reason;
    private final String field;

    PaymentRefused(Reason reason, String detail, String field) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    Reason reason() {
        return reason;
    }

    String field() {
        return field;
    }
}
