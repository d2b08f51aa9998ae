package tongban.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.function.SingletonSupplier;
import tongban.payment.PaymentChannel;

/**
 * Alipay (支付宝) through its own SDK ({@code alipay-sdk-java}, RSA2 keys): an order is a 当面付 pre-created trade
 * ({@code alipay.trade.precreate}) whose {@code qr_code} the payer scans; {@code alipay.trade.query},
 * {@code alipay.trade.close} and {@code alipay.trade.refund} (idempotent on {@code out_request_no}) as the platform needs
 * them. A notification is a form-encoded POST checked exactly as Alipay prescribes: the RSA2 signature over the sorted
 * parameters but {@code sign} and {@code sign_type} with Alipay's public key ({@code AlipaySignature.rsaCheckV1}), then
 * that it is for our APPID, its state and its amount. The same code speaks to Alipay and to the embedded sandbox.
 */
final class AlipayChannel implements PaymentChannel {

    static final String ID = "alipay";
    private static final String CHARSET = "UTF-8";
    private static final String SIGN_TYPE = "RSA2";
    /** Alipay writes its times in Beijing time, without a zone. */
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Alipay's answer when its own system fails: worth a retry, like a time-out. */
    private static final Set<String> TRANSIENT = Set.of("ACQ.SYSTEM_ERROR", "aop.unknow-error", "isp.unknow-error");

    static {
        // the SDK would log whole requests and answers (buyers' accounts, signatures) on errors
        AlipayLogger.setNeedEnableLogger(false);
    }

    private final AlipayMerchant merchant;
    private final SingletonSupplier<AlipayClient> client;
    private final HttpClient bills = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AlipayChannel(AlipayMerchant merchant) {
        this.merchant = merchant;
        this.client = SingletonSupplier.of(this::newClient);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Checkout start(ChannelOrder order) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(order.number());
        model.setTotalAmount(Yuan.of(order.amountFen()));
        model.setSubject(subject(order.description()));
        if (order.expiresAt() != null) {
            model.setTimeExpire(TIME.format(order.expiresAt().atZone(BEIJING)));
        }
        AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
        request.setBizModel(model);
        request.setNotifyUrl(merchant.notifyUrl().get().toString());
        AlipayTradePrecreateResponse response = execute(request);
        if (!response.isSuccess() || response.getQrCode() == null) {
            throw refused("alipay.trade.precreate", response);
        }
        return new Checkout(ID, order.number(), Map.of("qr_code", response.getQrCode()));
    }

    @Override
    public Notification verify(NotificationRequest request) {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new ForgedNotification("an Alipay notification is a form (application/x-www-form-urlencoded)");
        }
        Map<String, String> form = form(request.body());
        if (blank(form.get("sign"))) {
            throw new ForgedNotification("the notification is not signed");
        }
        if (!SIGN_TYPE.equals(form.get("sign_type"))) {
            throw new ForgedNotification("the notification is not signed with RSA2");
        }
        if (form.containsKey("charset") && !CHARSET.equalsIgnoreCase(form.get("charset"))) {
            throw new ForgedNotification("the notification is not in UTF-8");
        }
        boolean signed;
        try {
            // the check takes sign and sign_type out of the map it is given: a copy
            signed = AlipaySignature.rsaCheckV1(new HashMap<>(form), merchant.alipayPublicKey(), CHARSET, SIGN_TYPE);
        } catch (AlipayApiException | RuntimeException e) {
            signed = false;
        }
        if (!signed) {
            throw new ForgedNotification("the notification's signature is not Alipay's");
        }
        if (!merchant.appId().equals(form.get("app_id"))) {
            throw new ForgedNotification("the notification is for another application");
        }
        String notifyId = required(form, "notify_id");
        String orderNumber = required(form, "out_trade_no");
        String tradeNo = required(form, "trade_no");
        Notification.State state = state(required(form, "trade_status"), !blank(form.get("refund_fee")));
        long fen;
        try {
            fen = Yuan.toFen(required(form, "total_amount"));
        } catch (IllegalArgumentException e) {
            throw new ForgedNotification("the notification's total_amount is not an amount in yuan with two decimals");
        }
        String when = blank(form.get("gmt_payment")) ? required(form, "notify_time") : form.get("gmt_payment");
        return new Notification(orderNumber, tradeNo, fen, state, instant(when), notifyId);
    }

    @Override
    public Acknowledgement accepted() {
        return new Acknowledgement(200, "text/plain;charset=UTF-8", "success");
    }

    @Override
    public Optional<Notification> query(String orderNumber) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNumber);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse response = execute(request);
        if (!response.isSuccess()) {
            // before the payer scans the code Alipay knows no trade
            if ("ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())) {
                return Optional.empty();
            }
            throw refused("alipay.trade.query", response);
        }
        // a closed trade that had been paid was refunded in full
        Notification.State state = state(response.getTradeStatus(), response.getSendPayDate() != null);
        Instant at = response.getSendPayDate() != null ? response.getSendPayDate().toInstant() : null;
        long fen;
        try {
            fen = Yuan.toFen(response.getTotalAmount());
        } catch (IllegalArgumentException e) {
            throw new ChannelUnavailable("alipay.trade.query answered an amount that is no amount", e);
        }
        return Optional.of(new Notification(orderNumber, response.getTradeNo(), fen, state, at,
                "query:" + response.getTradeNo() + ":" + response.getTradeStatus()));
    }

    /**
     * Closes an unpaid order ({@code alipay.trade.close}) so its code can no longer be paid; a trade Alipay does not
     * know (the payer never scanned the code) or that is no longer waiting for payment is left as it is.
     */
    @Override
    public void close(String orderNumber) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(orderNumber);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        AlipayTradeCloseResponse response = execute(request);
        if (!response.isSuccess() && !"ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())
                && !"ACQ.TRADE_STATUS_ERROR".equals(response.getSubCode())) {
            throw refused("alipay.trade.close", response);
        }
    }

    @Override
    public RefundResult refund(ChannelRefund refund) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(refund.orderNumber());
        model.setRefundAmount(Yuan.of(refund.amountFen()));
        model.setOutRequestNo(refund.refundNumber());
        model.setRefundReason(refund.reason());
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        AlipayTradeRefundResponse response = execute(request);
        if (!response.isSuccess()) {
            throw refused("alipay.trade.refund", response);
        }
        if ("Y".equals(response.getFundChange())) {
            return new RefundResult(refund.refundNumber(), true);
        }
        // "N" also answers a repeated request: whether the money went back is the refund query's to say
        return new RefundResult(refund.refundNumber(), refunded(refund.orderNumber(), refund.refundNumber()));
    }

    private boolean refunded(String orderNumber, String refundNumber) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(orderNumber);
        model.setOutRequestNo(refundNumber);
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        AlipayTradeFastpayRefundQueryResponse response = execute(request);
        if (!response.isSuccess()) {
            throw refused("alipay.trade.fastpay.refund.query", response);
        }
        return "REFUND_SUCCESS".equals(response.getRefundStatus());
    }

    /**
     * The day's trade bill (对账单, {@code alipay.data.dataservice.bill.downloadurl.query}, type {@code trade}): the
     * zip behind the link Alipay gives, whose business detail CSV (业务明细, GBK) lists each payment ({@code 交易}).
     * Alipay makes a day's bill the next morning; a day without one is an empty list.
     */
    @Override
    public List<Notification> settled(LocalDate day) {
        AlipayDataDataserviceBillDownloadurlQueryModel model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType("trade");
        model.setBillDate(day.toString());
        AlipayDataDataserviceBillDownloadurlQueryRequest request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizModel(model);
        AlipayDataDataserviceBillDownloadurlQueryResponse response = execute(request);
        if (!response.isSuccess()) {
            if ("isp.bill_not_exist".equals(response.getSubCode())) {
                return List.of();
            }
            throw refused("alipay.data.dataservice.bill.downloadurl.query", response);
        }
        try {
            HttpResponse<InputStream> zip = bills.send(HttpRequest.newBuilder(URI.create(response.getBillDownloadUrl()))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = zip.body()) {
                if (zip.statusCode() != 200) {
                    throw new IOException("the bill's download answered HTTP " + zip.statusCode());
                }
                return AlipayBill.payments(body);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ChannelUnavailable("Alipay's bill of " + day + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelUnavailable("interrupted while reading Alipay's bill of " + day, e);
        }
    }

    private <T extends AlipayResponse> T execute(AlipayRequest<T> request) {
        try {
            return client.obtain().execute(request);
        } catch (AlipayApiException e) {
            // time-outs, refused connections, HTTP errors and answers that fail Alipay's signature alike: no answer to trust
            throw new ChannelUnavailable(request.getApiMethodName() + " got no trustworthy answer from Alipay", e);
        }
    }

    private AlipayClient newClient() {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(merchant.gateway().get().toString());
        config.setAppId(merchant.appId());
        config.setPrivateKey(merchant.privateKey());
        config.setAlipayPublicKey(merchant.alipayPublicKey());
        config.setFormat("json");
        config.setCharset(CHARSET);
        config.setSignType(SIGN_TYPE);
        config.setConnectTimeout(5_000);
        config.setReadTimeout(15_000);
        try {
            return new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("the Alipay client could not be made from tongban.payment.alipay.*", e);
        }
    }

    /** A business answer other than success: Alipay's code says why; the caller may retry later. */
    private static ChannelUnavailable refused(String method, AlipayResponse response) {
        String why = method + " answered " + response.getCode() + " " + response.getSubCode();
        return new ChannelUnavailable(TRANSIENT.contains(response.getSubCode()) || "20000".equals(response.getCode())
                ? why + " (Alipay's own fault)" : why, null);
    }

    private static Notification.State state(String tradeStatus, boolean paidOnce) {
        if (tradeStatus == null) {
            throw new ForgedNotification("no trade_status");
        }
        return switch (tradeStatus) {
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> Notification.State.PAID;
            case "WAIT_BUYER_PAY" -> Notification.State.NOT_PAID;
            case "TRADE_CLOSED" -> paidOnce ? Notification.State.REFUNDED : Notification.State.CLOSED;
            default -> throw new ForgedNotification("an unknown trade_status");
        };
    }

    /** The form's fields, each once; a field twice, a broken escape or an empty form is no notification of Alipay's. */
    static Map<String, String> form(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ForgedNotification("an empty notification");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new ForgedNotification("the notification is not a form");
                }
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (fields.put(name, value) != null) {
                    throw new ForgedNotification("the notification names a field twice");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ForgedNotification("the notification is not a form");
        }
        return fields;
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (blank(value)) {
            throw new ForgedNotification("the notification has no " + name);
        }
        return value;
    }

    private static Instant instant(String beijing) {
        try {
            return LocalDateTime.parse(beijing, TIME).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new ForgedNotification("the notification's time is not Alipay's yyyy-MM-dd HH:mm:ss");
        }
    }

    /** Alipay refuses a subject with {@code / = &} or over 256 characters. */
    private static String subject(String description) {
        String clean = description == null || description.isBlank() ? "fee" : description.replaceAll("[/=&]", " ").strip();
        return clean.length() > 256 ? clean.substring(0, 256) : clean;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
