package tongban.payment.wechatpay;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded sandbox that plays WeChat Pay API v3 (微信支付沙箱) under {@value #BASE}, in the embedded default only:
 * it takes the SDK's requests only when signed with the merchant's API key of the serial it knows (the
 * {@code Authorization: WECHATPAY2-SHA256-RSA2048} scheme over method, path, timestamp, nonce and body, at most five
 * minutes old) and answers in WeChat Pay's JSON, signed with its own key, so the SDK's checks of the answer pass. It
 * holds orders in memory (a restart forgets them, as if WeChat Pay had closed them), and plays the payer who scans the
 * code: {@code POST /sandbox/wechatpay/pay/{out_trade_no}} pays the order and sends the notification to the order's
 * {@code notify_url} ({@link SandboxNotifier}).
 */
@RestController
@RequestMapping(WechatPaySandbox.BASE)
@Conditional(WechatPayConfiguration.SandboxActive.class)
class WechatPaySandbox {

    static final String BASE = "/sandbox/wechatpay";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The host in the URLs WeChat Pay answers with (the bill's download link); the SDK's calls to it come here. */
    static final String WECHAT_HOST = "https://api.mch.weixin.qq.com";

    private static final Pattern AUTH_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern ORDER_NUMBER = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
    private static final Duration SIGNATURE_AGE = Duration.ofMinutes(5);
    private static final int BILLS_KEPT = 16;

    private final SandboxKeys keys;
    private final SandboxNotifier notifier;
    private final Clock clock;
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, String> bills = java.util.Collections.synchronizedMap(new LinkedHashMap<>(BILLS_KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > BILLS_KEPT;
        }
    });
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    WechatPaySandbox(SandboxKeys keys, SandboxNotifier notifier, Clock clock) {
        this.keys = keys;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** An order as WeChat Pay holds it; {@code state} is WeChat Pay's {@code trade_state}. */
    record Order(String appId, String merchantId, String number, String description, URI notifyUrl, long totalFen,
                 Instant expiresAt, String codeUrl, String state, String transactionId, Instant paidAt,
                 Map<String, Refunded> refunds, String event) {

        Order stateAt(Instant now) {
            return state.equals("NOTPAY") && expiresAt != null && now.isAfter(expiresAt) ? closed() : this;
        }

        private Order closed() {
            return new Order(appId, merchantId, number, description, notifyUrl, totalFen, expiresAt, codeUrl, "CLOSED",
                    transactionId, paidAt, refunds, event);
        }

        /** Paid now; the payment's notification (one event, one id, however often it is sent) is made with it. */
        Order paid(String newTransactionId, Instant at, SandboxNotifier notifier) {
            Order paid = new Order(appId, merchantId, number, description, notifyUrl, totalFen, expiresAt, codeUrl, "SUCCESS",
                    newTransactionId, at, refunds, null);
            return new Order(appId, merchantId, number, description, notifyUrl, totalFen, expiresAt, codeUrl, "SUCCESS",
                    newTransactionId, at, refunds, notifier.event(JSON.writeValueAsString(transaction(paid))));
        }

        Order refunded(Map<String, Refunded> newRefunds) {
            return new Order(appId, merchantId, number, description, notifyUrl, totalFen, expiresAt, codeUrl, "REFUND",
                    transactionId, paidAt, newRefunds, event);
        }
    }

    /** A refund as WeChat Pay holds it. */
    record Refunded(String refundId, String refundNumber, long fen, String reason, Instant at) {
    }

    @PostMapping(path = "/v3/pay/transactions/native")
    ResponseEntity<byte[]> prepay(HttpServletRequest http, @RequestBody(required = false) byte[] raw) {
        JsonNode request = merchantsJson(http, raw);
        String number = request.path("out_trade_no").asString("");
        long total = request.path("amount").path("total").asLong(0);
        String description = request.path("description").asString("");
        URI notifyUrl;
        Instant expiresAt;
        try {
            notifyUrl = URI.create(request.path("notify_url").asString(""));
            String expire = request.path("time_expire").asString("");
            expiresAt = expire.isEmpty() ? null : OffsetDateTime.parse(expire).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return error(400, "PARAM_ERROR", "notify_url或time_expire格式错误");
        }
        if (!SandboxKeys.APP_ID.equals(request.path("appid").asString(""))
                || !SandboxKeys.MERCHANT_ID.equals(request.path("mchid").asString(""))) {
            return error(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
        }
        if (!ORDER_NUMBER.matcher(number).matches() || total < 1 || description.isBlank() || description.length() > 127
                || notifyUrl.getScheme() == null || !notifyUrl.getScheme().matches("https?") || notifyUrl.getHost() == null) {
            return error(400, "PARAM_ERROR", "参数错误");
        }
        Instant now = clock.instant();
        Order made = new Order(SandboxKeys.APP_ID, SandboxKeys.MERCHANT_ID, number, description, notifyUrl, total, expiresAt,
                "weixin://wxpay/bprepayurl?pr=" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                "NOTPAY", null, null, Map.of(), null);
        Order held = orders.merge(number, made, (old, fresh) -> old);
        if (held != made && (held.totalFen() != total || !held.description().equals(description)
                || !held.notifyUrl().equals(notifyUrl))) {
            return error(400, "INVALID_REQUEST", "201 商户订单号重复");
        }
        switch (held.stateAt(now).state()) {
            case "NOTPAY":
                return signed(200, Map.of("code_url", held.codeUrl()));
            case "CLOSED":
                return error(400, "ORDER_CLOSED", "订单已关闭");
            default:
                return error(403, "ORDERPAID", "该订单已支付");
        }
    }

    @GetMapping(path = "/v3/pay/transactions/out-trade-no/{number}")
    ResponseEntity<byte[]> query(HttpServletRequest http, @PathVariable String number) {
        merchants(http, "");
        Order order = orders.get(number);
        if (order == null) {
            return error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        return signed(200, transaction(order.stateAt(clock.instant())));
    }

    /** Closes an unpaid order (关单): 204 also for one closed already or unknown, as WeChat Pay answers. */
    @PostMapping(path = "/v3/pay/transactions/out-trade-no/{number}/close")
    ResponseEntity<byte[]> close(HttpServletRequest http, @PathVariable String number,
                                 @RequestBody(required = false) byte[] raw) {
        merchants(http, raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
        Instant now = clock.instant();
        Order closed = orders.computeIfPresent(number, (n, order) -> order.stateAt(now).state().equals("NOTPAY")
                ? order.closed() : order);
        if (closed != null && !closed.stateAt(now).state().equals("CLOSED")) {
            return error(400, "ORDERPAID", "订单已支付");
        }
        // WeChat Pay signs its empty answers too (over an empty body), and the SDK checks that signature
        ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.noContent().header("Request-ID", UUID.randomUUID().toString());
        notifier.sign("").headers().forEach(answer::header);
        return answer.build();
    }

    @PostMapping(path = "/v3/refund/domestic/refunds")
    ResponseEntity<byte[]> refund(HttpServletRequest http, @RequestBody(required = false) byte[] raw) {
        JsonNode request = merchantsJson(http, raw);
        String refundNumber = request.path("out_refund_no").asString("");
        long refundFen = request.path("amount").path("refund").asLong(0);
        long totalFen = request.path("amount").path("total").asLong(0);
        String transactionId = request.path("transaction_id").asString("");
        Order found = transactionId.isEmpty() ? orders.get(request.path("out_trade_no").asString(""))
                : orders.values().stream().filter(o -> transactionId.equals(o.transactionId())).findFirst().orElse(null);
        if (found == null) {
            return error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        if (refundNumber.isBlank() || refundNumber.length() > 64 || refundFen < 1) {
            return error(400, "PARAM_ERROR", "参数错误");
        }
        Refunded[] answer = new Refunded[1];
        String[] problem = new String[1];
        orders.computeIfPresent(found.number(), (number, order) -> {
            Refunded earlier = order.refunds().get(refundNumber);
            if (earlier != null) {
                // out_refund_no makes a refund idempotent: the same number answers the same refund
                answer[0] = earlier;
                return order;
            }
            long refundedBefore = order.refunds().values().stream().mapToLong(Refunded::fen).sum();
            if (!order.state().equals("SUCCESS") && !order.state().equals("REFUND")) {
                problem[0] = "TRADE_STATE_ERROR";
                return order;
            }
            if (totalFen != order.totalFen()) {
                problem[0] = "PARAM_ERROR";
                return order;
            }
            if (refundedBefore + refundFen > order.totalFen()) {
                problem[0] = "NOT_ENOUGH";
                return order;
            }
            answer[0] = new Refunded("50" + next(), refundNumber, refundFen, request.path("reason").asString(""), clock.instant());
            Map<String, Refunded> refunds = new LinkedHashMap<>(order.refunds());
            refunds.put(refundNumber, answer[0]);
            return order.refunded(Map.copyOf(refunds));
        });
        if (answer[0] == null) {
            return problem[0].equals("NOT_ENOUGH") ? error(403, "NOT_ENOUGH", "退款金额超过可退金额")
                    : error(400, problem[0], problem[0].equals("PARAM_ERROR") ? "订单金额不符" : "订单状态错误");
        }
        Order order = orders.get(found.number());
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", order.totalFen());
        amount.put("refund", answer[0].fen());
        amount.put("payer_total", order.totalFen());
        amount.put("payer_refund", answer[0].fen());
        amount.put("settlement_total", order.totalFen());
        amount.put("settlement_refund", answer[0].fen());
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("refund_id", answer[0].refundId());
        refund.put("out_refund_no", answer[0].refundNumber());
        refund.put("transaction_id", order.transactionId());
        refund.put("out_trade_no", order.number());
        refund.put("channel", "ORIGINAL");
        refund.put("user_received_account", "支付用户零钱");
        refund.put("success_time", WechatPayChannel.rfc3339(answer[0].at()));
        refund.put("create_time", WechatPayChannel.rfc3339(answer[0].at()));
        refund.put("status", "SUCCESS");
        refund.put("funds_account", "AVAILABLE");
        refund.put("amount", amount);
        return signed(200, refund);
    }

    @GetMapping(path = "/v3/bill/tradebill")
    ResponseEntity<byte[]> tradeBill(HttpServletRequest http, @RequestParam(name = "bill_date", defaultValue = "") String date) {
        merchants(http, "");
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return error(400, "PARAM_ERROR", "bill_date格式错误");
        }
        List<TradeBill.Line> lines = new ArrayList<>();
        for (Order order : orders.values()) {
            if (order.paidAt() != null && order.paidAt().atZone(WechatPayChannel.BEIJING).toLocalDate().equals(day)) {
                lines.add(new TradeBill.Line(order.paidAt(), order.appId(), order.merchantId(), order.transactionId(),
                        order.number(), "SUCCESS", order.totalFen(), "", "", 0, order.description()));
            }
            for (Refunded refund : order.refunds().values()) {
                if (refund.at().atZone(WechatPayChannel.BEIJING).toLocalDate().equals(day)) {
                    lines.add(new TradeBill.Line(refund.at(), order.appId(), order.merchantId(), order.transactionId(),
                            order.number(), "REFUND", order.totalFen(), refund.refundId(), refund.refundNumber(),
                            refund.fen(), order.description()));
                }
            }
        }
        if (lines.isEmpty()) {
            return error(400, "NO_STATEMENT_EXIST", "账单不存在");
        }
        lines.sort(Comparator.comparing(TradeBill.Line::at));
        String bill = TradeBill.write(lines);
        String token = UUID.randomUUID().toString().replace("-", "");
        bills.put(token, bill);
        return signed(200, Map.of("hash_type", "SHA1", "hash_value", sha1(bill),
                "download_url", WECHAT_HOST + "/v3/billdownload/file?token=" + token));
    }

    /** The bill's file, as WeChat Pay serves it: unsigned, its digest given with the link. */
    @GetMapping(path = "/v3/billdownload/file")
    ResponseEntity<byte[]> download(HttpServletRequest http, @RequestParam(defaultValue = "") String token) {
        merchants(http, "");
        String bill = bills.get(token);
        if (bill == null) {
            return error(404, "RESOURCE_NOT_EXISTS", "账单不存在");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bill.getBytes(StandardCharsets.UTF_8));
    }

    /** The payer's phone after scanning the code: what is paid, to whom, and the button that pays. */
    @GetMapping(path = "/pay/{number}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> payPage(@PathVariable String number) {
        Order order = orders.get(number);
        if (order == null) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_HTML).body(page("订单不存在", "<p>订单不存在。</p>"));
        }
        order = order.stateAt(clock.instant());
        String content = "<p>" + HtmlUtils.htmlEscape(order.description()) + "</p>"
                + "<p>金额：<strong>¥" + TradeBill.yuan(order.totalFen()) + "</strong></p>"
                + (order.state().equals("NOTPAY")
                ? "<form method=\"post\" action=\"" + BASE + "/pay/" + HtmlUtils.htmlEscape(number)
                        + "\"><button type=\"submit\" id=\"pay\">确认支付</button></form>"
                : "<p id=\"state\">" + order.state() + "</p>");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page("微信支付（沙箱）", content));
    }

    /** The payer pays: the order is paid once, and the notification goes out (again, if asked again). */
    @PostMapping(path = "/pay/{number}")
    ResponseEntity<byte[]> pay(@PathVariable String number) {
        Instant now = clock.instant();
        Order paid = orders.computeIfPresent(number, (n, order) -> {
            Order current = order.stateAt(now);
            return current.state().equals("NOTPAY") ? current.paid("42" + next(), now, notifier) : order;
        });
        if (paid == null) {
            return json(404, Map.of("code", "ORDER_NOT_EXIST", "message", "订单不存在"));
        }
        Order current = paid.stateAt(now);
        if (!current.state().equals("SUCCESS") && !current.state().equals("REFUND")) {
            return json(400, Map.of("code", "ORDER_CLOSED", "message", "订单已关闭"));
        }
        notifier.deliver(current.notifyUrl(), number, current.event());
        return json(200, Map.of("out_trade_no", number, "transaction_id", current.transactionId(), "trade_state", current.state()));
    }

    /** WeChat Pay's transaction JSON of an order. */
    private static Map<String, Object> transaction(Order order) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("total", order.totalFen());
        amount.put("currency", "CNY");
        boolean paid = order.paidAt() != null;
        if (paid) {
            amount.put("payer_total", order.totalFen());
            amount.put("payer_currency", "CNY");
        }
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("appid", order.appId());
        transaction.put("mchid", order.merchantId());
        transaction.put("out_trade_no", order.number());
        if (paid) {
            transaction.put("transaction_id", order.transactionId());
            transaction.put("trade_type", "NATIVE");
            transaction.put("bank_type", "OTHERS");
            transaction.put("success_time", WechatPayChannel.rfc3339(order.paidAt()));
            transaction.put("payer", Map.of("openid", "sandbox-payer"));
        }
        transaction.put("trade_state", order.state());
        transaction.put("trade_state_desc", switch (order.state()) {
            case "SUCCESS" -> "支付成功";
            case "REFUND" -> "转入退款";
            case "CLOSED" -> "已关闭";
            default -> "未支付";
        });
        transaction.put("attach", "");
        transaction.put("amount", amount);
        return transaction;
    }

    /** The request's JSON body, once the request is found the merchant's. */
    private JsonNode merchantsJson(HttpServletRequest http, byte[] raw) {
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        merchants(http, body);
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Refused(400, "PARAM_ERROR", "请求体不是JSON");
        }
    }

    /** Refuses (401 {@code SIGN_ERROR}) a request that is not the merchant's. */
    private void merchants(HttpServletRequest http, String body) {
        String refused = refusal(http, body);
        if (refused != null) {
            throw new Refused(401, "SIGN_ERROR", refused);
        }
    }

    /** WeChat Pay's error answer, signed like every answer. */
    @ExceptionHandler(Refused.class)
    ResponseEntity<byte[]> refused(Refused refused) {
        return error(refused.status, refused.code, refused.getMessage());
    }

    /** A request WeChat Pay refuses with its code. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /**
     * Why the request is not the merchant's (null when it is): WeChat Pay's {@code Authorization} over the method, the
     * path and query as WeChat Pay sees them, the timestamp, the nonce and the body.
     */
    private String refusal(HttpServletRequest http, String body) {
        String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("WECHATPAY2-SHA256-RSA2048 ")) {
            return "Authorization头缺失或认证类型不正确";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = AUTH_FIELD.matcher(authorization);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        if (!SandboxKeys.MERCHANT_ID.equals(fields.get("mchid"))) {
            return "商户号不存在";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return "timestamp格式错误";
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs().compareTo(SIGNATURE_AGE) > 0) {
            return "请求已过期";
        }
        String path = http.getRequestURI().substring(http.getContextPath().length() + BASE.length());
        String canonical = path + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
        String message = http.getMethod() + "\n" + canonical + "\n" + timestamp + "\n" + fields.getOrDefault("nonce_str", "")
                + "\n" + body + "\n";
        if (!keys.signedByMerchant(fields.getOrDefault("serial_no", ""), message, fields.getOrDefault("signature", ""))) {
            return "签名错误";
        }
        return null;
    }

    /** An answer signed as WeChat Pay signs them: timestamp, nonce and body with its key, and the key's serial. */
    private ResponseEntity<byte[]> signed(int status, Object json) {
        String body = JSON.writeValueAsString(json);
        SandboxNotifier.Signed signed = notifier.sign(body);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .header("Request-ID", UUID.randomUUID().toString());
        signed.headers().forEach(answer::header);
        return answer.body(body.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<byte[]> error(int status, String code, String message) {
        return signed(status, Map.of("code", code, "message", message));
    }

    private static ResponseEntity<byte[]> json(int status, Object json) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }

    private String next() {
        return String.format("%020d", sequence.incrementAndGet());
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><main><h1>"
                + title + "</h1>" + content + "</main></body></html>";
    }
}
