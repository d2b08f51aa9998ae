package tongban.payment.wechatpay;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.DigestBillEntity;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import tongban.payment.PaymentChannel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay API v3 (微信支付) as a {@link PaymentChannel}, through WeChat Pay's own SDK: Native payment (the payer
 * scans {@code code_url}), the order's query by our number, refunds under their own number and the day's trade bill
 * (交易账单). Notifications are verified by the SDK's {@link NotificationParser} — the RSA signature over
 * timestamp, nonce and body with WeChat Pay's public key or platform certificate of the {@code Wechatpay-Serial}
 * named, and AES-256-GCM decryption of the resource with the APIv3 key — after a timestamp older (or newer) than five
 * minutes is refused. The same code runs against WeChat Pay and against the embedded sandbox.
 */
final class WechatPayChannel implements PaymentChannel {

    static final String ID = "wechatpay";
    /** A notification signed longer ago than this is refused: a captured one cannot be replayed later. */
    static final Duration FRESHNESS = Duration.ofMinutes(5);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String merchantId;
    private final String appId;
    private final Supplier<String> notifyUrl;
    private final NativePayService payments;
    private final RefundService refunds;
    private final BillDownloadServiceExtension bills;
    private final NotificationParser notifications;
    private final Function<String, Map<String, String>> extraClient;
    private final Clock clock;

    WechatPayChannel(String merchantId, String appId, Supplier<String> notifyUrl, NativePayService payments,
                     RefundService refunds, BillDownloadServiceExtension bills, NotificationParser notifications,
                     Function<String, Map<String, String>> extraClient, Clock clock) {
        this.merchantId = merchantId;
        this.appId = appId;
        this.notifyUrl = notifyUrl;
        this.payments = payments;
        this.refunds = refunds;
        this.bills = bills;
        this.notifications = notifications;
        this.extraClient = extraClient;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Checkout start(ChannelOrder order) {
        PrepayRequest request = new PrepayRequest();
        request.setAppid(appId);
        request.setMchid(merchantId);
        // WeChat Pay takes at most 127 characters of description
        request.setDescription(order.description().length() > 127 ? order.description().substring(0, 127) : order.description());
        request.setOutTradeNo(order.number());
        request.setNotifyUrl(notifyUrl.get());
        if (order.expiresAt() != null) {
            request.setTimeExpire(rfc3339(order.expiresAt()));
        }
        Amount amount = new Amount();
        amount.setTotal(Math.toIntExact(order.amountFen()));
        amount.setCurrency("CNY");
        request.setAmount(amount);
        String codeUrl = call("the order " + order.number(), () -> payments.prepay(request)).getCodeUrl();
        Map<String, String> client = new LinkedHashMap<>();
        client.put("code_url", codeUrl);
        client.putAll(extraClient.apply(order.number()));
        return new Checkout(ID, order.number(), Map.copyOf(client));
    }

    @Override
    public Notification verify(NotificationRequest request) {
        Map<String, String> headers = request.headers();
        String serial = required(headers, "wechatpay-serial");
        String signature = required(headers, "wechatpay-signature");
        String timestamp = required(headers, "wechatpay-timestamp");
        String nonce = required(headers, "wechatpay-nonce");
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new ForgedNotification("Wechatpay-Timestamp is not a time");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(FRESHNESS) > 0) {
            throw new ForgedNotification("Wechatpay-Timestamp is more than five minutes from now");
        }
        String body = new String(request.body() == null ? new byte[0] : request.body(), StandardCharsets.UTF_8);
        RequestParam param = new RequestParam.Builder().serialNumber(serial).signature(signature).timestamp(timestamp)
                .nonce(nonce).signType(headers.get("wechatpay-signature-type")).body(body).build();
        Transaction transaction;
        JsonNode envelope;
        try {
            transaction = notifications.parse(param, Transaction.class);
            envelope = JSON.readTree(body);
        } catch (RuntimeException e) {
            // the SDK's signature, serial, JSON and GCM failures, and its NullPointerException for a resource without
            // associated data: whatever fails, nothing is taken from the notification
            throw new ForgedNotification("the notification failed WeChat Pay's verification: " + e.getClass().getSimpleName());
        }
        String id = envelope.path("id").asString("");
        if (id.isBlank() || !"TRANSACTION.SUCCESS".equals(envelope.path("event_type").asString(""))) {
            throw new ForgedNotification("the notification is not a payment's success");
        }
        if (transaction == null || !merchantId.equals(transaction.getMchid()) || !appId.equals(transaction.getAppid())) {
            throw new ForgedNotification("the notification is for another merchant");
        }
        Notification reported = report(transaction, id);
        if (reported.state() != Notification.State.PAID) {
            throw new ForgedNotification("a payment's success that reports no payment");
        }
        return reported;
    }

    @Override
    public Acknowledgement accepted() {
        return new Acknowledgement(204, null, "");
    }

    @Override
    public Optional<Notification> query(String orderNumber) {
        QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(merchantId);
        request.setOutTradeNo(orderNumber);
        try {
            Transaction transaction = call("the order " + orderNumber, () -> payments.queryOrderByOutTradeNo(request));
            return Optional.of(report(transaction, "query:" + orderNumber + ":" + transaction.getTradeState()));
        } catch (ProviderRefused refused) {
            if ("ORDER_NOT_EXIST".equals(refused.code)) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /** Closes an unpaid order ({@code closeOrder}); one paid meanwhile ({@code ORDERPAID}) is left as it is. */
    @Override
    public void close(String orderNumber) {
        CloseOrderRequest request = new CloseOrderRequest();
        request.setMchid(merchantId);
        request.setOutTradeNo(orderNumber);
        try {
            call("closing the order " + orderNumber, () -> {
                payments.closeOrder(request);
                return null;
            });
        } catch (ProviderRefused refused) {
            if (!"ORDERPAID".equals(refused.code) && !"ORDER_CLOSED".equals(refused.code)) {
                throw refused;
            }
        }
    }

    @Override
    public RefundResult refund(ChannelRefund refund) {
        CreateRequest request = new CreateRequest();
        if (refund.transactionId() != null) {
            request.setTransactionId(refund.transactionId());
        } else {
            request.setOutTradeNo(refund.orderNumber());
        }
        request.setOutRefundNo(refund.refundNumber());
        request.setReason(refund.reason());
        AmountReq amount = new AmountReq();
        amount.setRefund(refund.amountFen());
        amount.setTotal(refund.amountFen());
        amount.setCurrency("CNY");
        request.setAmount(amount);
        Refund answer = call("the refund " + refund.refundNumber(), () -> refunds.create(request));
        return new RefundResult(answer.getOutRefundNo(), answer.getStatus() == Status.SUCCESS);
    }

    @Override
    public List<Notification> settled(LocalDate day) {
        GetTradeBillRequest request = new GetTradeBillRequest();
        request.setBillDate(day.toString());
        request.setBillType(BillType.ALL);
        String text;
        try {
            DigestBillEntity bill = call("the trade bill of " + day, () -> bills.getTradeBill(request));
            try (InputStream in = bill.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!bill.verifyHash()) {
                throw new ChannelUnavailable("WeChat Pay's trade bill of " + day + " does not match its digest", null);
            }
        } catch (ProviderRefused refused) {
            // a day without trades has no bill
            if ("NO_STATEMENT_EXIST".equals(refused.code)) {
                return List.of();
            }
            throw refused;
        } catch (IOException e) {
            throw new ChannelUnavailable("WeChat Pay's trade bill of " + day + " could not be read", e);
        }
        try {
            return TradeBill.read(text);
        } catch (RuntimeException e) {
            throw new ChannelUnavailable("WeChat Pay's trade bill of " + day + " could not be read", e);
        }
    }

    private Notification report(Transaction transaction, String notificationId) {
        Notification.State state = switch (transaction.getTradeState() == null ? Transaction.TradeStateEnum.NOTPAY
                : transaction.getTradeState()) {
            case SUCCESS -> Notification.State.PAID;
            case REFUND -> Notification.State.REFUNDED;
            case CLOSED, REVOKED -> Notification.State.CLOSED;
            default -> Notification.State.NOT_PAID;
        };
        if (transaction.getOutTradeNo() == null || transaction.getAmount() == null || transaction.getAmount().getTotal() == null) {
            throw new ForgedNotification("WeChat Pay's transaction names no order or amount");
        }
        Instant at = clock.instant();
        if (transaction.getSuccessTime() != null) {
            try {
                at = OffsetDateTime.parse(transaction.getSuccessTime()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ForgedNotification("WeChat Pay's success_time is not a time");
            }
        }
        return new Notification(transaction.getOutTradeNo(), transaction.getTransactionId(),
                transaction.getAmount().getTotal().longValue(), state, at, notificationId);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new ForgedNotification("the notification has no " + name + " header");
        }
        return value;
    }

    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(BEIJING).toOffsetDateTime().withNano(0));
    }

    /**
     * Calls WeChat Pay: what cannot be reached, a 5xx, a rate limit or an answer that fails the SDK's signature check is
     * {@link ChannelUnavailable} (the caller retries with backoff); any other refusal names WeChat Pay's code.
     */
    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceException e) {
            if (e.getHttpStatusCode() >= 500 || e.getHttpStatusCode() == 429
                    || "SYSTEM_ERROR".equals(e.getErrorCode()) || "FREQUENCY_LIMITED".equals(e.getErrorCode())) {
                throw new ChannelUnavailable("WeChat Pay answered " + e.getHttpStatusCode() + " for " + what, e);
            }
            throw new ProviderRefused(what, e.getHttpStatusCode(), e.getErrorCode());
        } catch (HttpException e) {
            throw new ChannelUnavailable("WeChat Pay could not be reached for " + what, e);
        } catch (WechatPayException | IllegalArgumentException e) {
            // an answer whose signature, serial or timestamp fails (IllegalArgumentException: a stale answer)
            throw new ChannelUnavailable("WeChat Pay's answer for " + what + " failed verification", e);
        }
    }

    /** WeChat Pay refused a request (4xx) with one of its codes, e.g. {@code ORDERPAID} or {@code NOT_ENOUGH}. */
    static final class ProviderRefused extends IllegalStateException {
        final String code;

        ProviderRefused(String what, int status, String code) {
            super("WeChat Pay refused " + what + ": " + status + " " + code);
            this.code = code;
        }
    }
}
