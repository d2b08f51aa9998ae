/**
 * The Alipay channel (支付宝) of public payment through Alipay's own SDK, and the embedded sandbox that plays Alipay's
 * open platform (gateway, payer, signed asynchronous notifications, bills) when no merchant is configured.
 */
package tongban.payment.alipay;
