/**
 * Public payment (统一公共支付): a decision's fee becomes a payment order (UNPAID → PAID → REFUNDED, or CLOSED), paid
 * through a {@link tongban.payment.PaymentChannel} (WeChat Pay or Alipay through their own SDKs), with verified,
 * idempotent notifications, reconciliation, refunds and a sealed receipt (电子票据).
 */
package tongban.payment;
