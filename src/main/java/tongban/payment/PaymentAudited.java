package tongban.payment;

import tongban.audit.Audited;

/**
 * A transition of a payment order (PAYMENT_ORDER_CREATED, PAYMENT_RECEIVED, PAYMENT_CLOSED, PAYMENT_REFUND_REQUESTED,
 * PAYMENT_REFUNDED, RECEIPT_ISSUED) or a reconciliation finding (PAYMENT_WITHOUT_ORDER_FOUND, _REFUNDED), in the
 * transaction that made it. The target is the order ({@code payment/NUMBER}); no personal data.
 */
record PaymentAudited(String actor, String action, String target, Object detail) implements Audited {

    /** Who acts when a provider or the reconciliation job does. */
    static final String SYSTEM = "system:payment";
}
