package tongban.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded sandbox that plays Alipay's open platform (支付宝沙箱) for the default and the tests, in Alipay's own
 * protocol: its gateway takes the SDK's form-encoded calls, checks their RSA2 signature with the merchant application's
 * public key and answers {@code {"<method>_response":{...},"sign":"..."}} signed with "Alipay's" key; a payer pays a
 * pre-created trade by POSTing its {@code qr_code}; the asynchronous notification then goes to the {@code notify_url}
 * the order named, form-encoded and RSA2-signed over the sorted parameters but {@code sign} and {@code sign_type}, and
 * is sent again with backoff until it is answered {@code success} (a bounded number of times, as Alipay does over a
 * day, here over minutes). Trades live in memory: a restart forgets them, as a sandbox may.
 */
final class AlipaySandbox implements AutoCloseable {

    /** The sandbox merchant's APPID (沙箱应用). */
    static final String APP_ID = "9021000100000001";
    /** The sandbox merchant's partner id (商户 PID), the seller of every trade. */
    static final String SELLER_ID = "2088721000000001";
    static final String GATEWAY = "/sandbox/alipay/gateway.do";
    static final String PAY = "/sandbox/alipay/pay/";
    static final String BILLS = "/sandbox/alipay/bills/";
    /** When a notification is sent again after a failed attempt (Alipay: 4m, 10m, 10m, 1h, 2h, 6h, 15h). */
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    private static final Logger log = LoggerFactory.getLogger(AlipaySandbox.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Charset GBK = Charset.forName("GBK");

    private final SandboxKeys keys;
    private final Supplier<URI> base;
    private final Clock clock;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, LocalDate> billTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService notifier;

    AlipaySandbox(SandboxKeys keys, Supplier<URI> base, Clock clock) {
        this.keys = keys;
        this.base = base;
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "alipay-sandbox-notify");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.notifier = executor;
    }

    /** The merchant the channel speaks for when the sandbox plays Alipay. */
    AlipayMerchant merchant(Supplier<URI> notifyUrl) {
        return new AlipayMerchant(APP_ID, keys.appPrivateKey(), keys.alipayPublicKey(),
                () -> URI.create(base.get() + GATEWAY), notifyUrl);
    }

    SandboxKeys keys() {
        return keys;
    }

    // ---------------------------------------------------------------------------------------------------- the gateway

    /** A call to the gateway, its parameters from the query and the form together; the answer's JSON text. */
    String call(Map<String, List<String>> parameters) {
        String method = first(parameters, "method");
        String node = (method == null || !method.matches("[a-z.]{1,80}") ? "error" : method.replace('.', '_'))
                + "_response";
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (p.getValue().size() != 1) {
                return answer(node, error("40002", "Invalid Arguments", "isv.invalid-parameter", p.getKey() + " twice"));
            }
            params.put(p.getKey(), p.getValue().get(0));
        }
        Map<String, Object> refused = method == null
                ? error("40001", "Missing Required Arguments", "isv.missing-method", "缺少方法名参数") : protocol(params);
        if (refused != null) {
            return answer(node, refused);
        }
        JsonNode biz;
        try {
            biz = JSON.readTree(params.getOrDefault("biz_content", "{}"));
        } catch (JacksonException e) {
            return answer(node, error("40002", "Invalid Arguments", "isv.invalid-biz-content", "biz_content 不是 JSON"));
        }
        Map<String, Object> result = switch (method) {
            case "alipay.trade.precreate" -> precreate(biz, params.get("notify_url"));
            case "alipay.trade.query" -> query(biz);
            case "alipay.trade.close" -> close(biz);
            case "alipay.trade.refund" -> refund(biz);
            case "alipay.trade.fastpay.refund.query" -> refundQuery(biz);
            case "alipay.data.dataservice.bill.downloadurl.query" -> billUrl(biz);
            default -> error("40004", "Business Failed", "isv.invalid-method", "不存在的方法名");
        };
        return answer(node, result);
    }

    /** Alipay's protocol checks: our application, RSA2 over every parameter but {@code sign}, UTF-8, JSON, 1.0. */
    private Map<String, Object> protocol(Map<String, String> params) {
        if (!APP_ID.equals(params.get("app_id"))) {
            return error("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            return error("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效的签名类型");
        }
        if (!"UTF-8".equalsIgnoreCase(params.get("charset"))) {
            return error("40002", "Invalid Arguments", "isv.invalid-charset", "字符集错误");
        }
        if (params.containsKey("format") && !"json".equalsIgnoreCase(params.get("format"))) {
            return error("40002", "Invalid Arguments", "isv.invalid-format", "无效的数据格式");
        }
        if (!"1.0".equals(params.get("version")) || params.get("timestamp") == null) {
            return error("40002", "Invalid Arguments", "isv.missing-version", "缺少版本参数");
        }
        boolean signed;
        try {
            signed = params.get("sign") != null
                    && AlipaySignature.rsaCheckV2(new HashMap<>(params), keys.appPublicKey(), "UTF-8", "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            signed = false;
        }
        return signed ? null : error("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
    }

    private Map<String, Object> precreate(JsonNode biz, String notifyUrl) {
        String outTradeNo = text(biz, "out_trade_no");
        String amount = text(biz, "total_amount");
        long fen;
        try {
            fen = Yuan.toFen(amount);
        } catch (IllegalArgumentException e) {
            return error("40002", "Invalid Arguments", "isv.invalid-parameter", "total_amount 不合法");
        }
        if (outTradeNo == null || outTradeNo.length() > 64 || text(biz, "subject") == null || fen == 0) {
            return error("40002", "Invalid Arguments", "isv.missing-parameter", "缺少必选参数");
        }
        Instant expires = null;
        if (text(biz, "time_expire") != null) {
            try {
                expires = LocalDateTime.parse(text(biz, "time_expire"), AlipayChannel.TIME).atZone(AlipayChannel.BEIJING)
                        .toInstant();
            } catch (DateTimeParseException e) {
                return error("40002", "Invalid Arguments", "isv.invalid-parameter", "time_expire 不合法");
            }
        }
        Instant expiry = expires;
        Trade made = trades.computeIfAbsent(outTradeNo, n -> new Trade(n, tradeNo(), fen, text(biz, "subject"),
                notifyUrl, expiry, clock.instant()));
        synchronized (made) {
            if (made.fen != fen) {
                return error("40004", "Business Failed", "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
            }
            expire(made);
            if (made.status.equals("TRADE_SUCCESS") || made.status.equals("TRADE_FINISHED")) {
                return error("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            }
            if (made.status.equals("TRADE_CLOSED")) {
                return error("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            }
            Map<String, Object> ok = success();
            ok.put("out_trade_no", made.outTradeNo);
            ok.put("qr_code", base.get() + PAY + made.tradeNo);
            return ok;
        }
    }

    private Map<String, Object> query(JsonNode biz) {
        Trade trade = find(biz);
        if (trade == null) {
            return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (trade) {
            expire(trade);
            Map<String, Object> ok = success();
            ok.put("trade_no", trade.tradeNo);
            ok.put("out_trade_no", trade.outTradeNo);
            ok.put("trade_status", trade.status);
            ok.put("total_amount", Yuan.of(trade.fen));
            if (trade.paidAt != null) {
                ok.put("buyer_logon_id", "buy***@example.com");
                ok.put("buyer_pay_amount", Yuan.of(trade.fen));
                ok.put("receipt_amount", Yuan.of(trade.fen));
                ok.put("send_pay_date", beijing(trade.paidAt));
            }
            return ok;
        }
    }

    private Map<String, Object> close(JsonNode biz) {
        Trade trade = find(biz);
        if (trade == null) {
            return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (trade) {
            expire(trade);
            if (!trade.status.equals("WAIT_BUYER_PAY") && !trade.status.equals("TRADE_CLOSED")) {
                return error("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            }
            trade.status = "TRADE_CLOSED";
            Map<String, Object> ok = success();
            ok.put("trade_no", trade.tradeNo);
            ok.put("out_trade_no", trade.outTradeNo);
            return ok;
        }
    }

    private Map<String, Object> refund(JsonNode biz) {
        Trade trade = find(biz);
        if (trade == null) {
            return error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        String requestNo = text(biz, "out_request_no") == null ? trade.outTradeNo : text(biz, "out_request_no");
        long fen;
        try {
            fen = Yuan.toFen(text(biz, "refund_amount"));
        } catch (IllegalArgumentException e) {
            return error("40002", "Invalid Arguments", "isv.invalid-parameter", "refund_amount 不合法");
        }
        synchronized (trade) {
            Long done = trade.refunds.get(requestNo);
            boolean changed = false;
            if (done == null) {
                if (trade.paidAt == null || !trade.status.equals("TRADE_SUCCESS")) {
                    return error("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
                }
                if (fen <= 0 || fen > trade.fen - trade.refunded()) {
                    return error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
                }
                trade.refunds.put(requestNo, fen);
                if (trade.refunded() == trade.fen) {
                    trade.status = "TRADE_CLOSED";
                }
                changed = true;
            } else if (done != fen) {
                return error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额与原请求不一致");
            }
            Map<String, Object> ok = success();
            ok.put("trade_no", trade.tradeNo);
            ok.put("out_trade_no", trade.outTradeNo);
            ok.put("buyer_logon_id", "buy***@example.com");
            // Alipay: a repeated request changes no money, so says N
            ok.put("fund_change", changed ? "Y" : "N");
            ok.put("refund_fee", Yuan.of(trade.refunded()));
            return ok;
        }
    }

    private Map<String, Object> refundQuery(JsonNode biz) {
        Trade trade = find(biz);
        String requestNo = text(biz, "out_request_no");
        Long fen = trade == null || requestNo == null ? null : trade.refunds.get(requestNo);
        Map<String, Object> ok = success();
        ok.put("out_request_no", requestNo);
        if (fen != null) {
            ok.put("trade_no", trade.tradeNo);
            ok.put("out_trade_no", trade.outTradeNo);
            ok.put("total_amount", Yuan.of(trade.fen));
            ok.put("refund_amount", Yuan.of(fen));
            ok.put("refund_status", "REFUND_SUCCESS");
        }
        return ok;
    }

    private Map<String, Object> billUrl(JsonNode biz) {
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(text(biz, "bill_date")));
        } catch (DateTimeParseException e) {
            return error("40004", "Business Failed", "isp.bill_date_format_error", "账单日期格式不正确");
        }
        if (!"trade".equals(text(biz, "bill_type"))) {
            return error("40004", "Business Failed", "isv.invalid-bill-type", "账单类型不正确");
        }
        String token = token();
        billTokens.put(token, day);
        Map<String, Object> ok = success();
        ok.put("bill_download_url", base.get() + BILLS + token + ".zip");
        return ok;
    }

    // ------------------------------------------------------------------------------------------------------ the payer

    /** The payer pays the trade behind a {@code qr_code}; its notification goes out. Empty when there is none. */
    Map<String, String> pay(String tradeNo) {
        Trade trade = trades.values().stream().filter(t -> t.tradeNo.equals(tradeNo)).findFirst().orElse(null);
        if (trade == null) {
            return null;
        }
        Map<String, String> notification;
        synchronized (trade) {
            expire(trade);
            if (!trade.status.equals("WAIT_BUYER_PAY")) {
                return Map.of("out_trade_no", trade.outTradeNo, "trade_no", trade.tradeNo, "trade_status", trade.status,
                        "paid", "false");
            }
            trade.status = "TRADE_SUCCESS";
            trade.paidAt = clock.instant();
            trade.notifyId = token();
            notification = notification(trade);
        }
        if (trade.notifyUrl != null) {
            schedule(URI.create(trade.notifyUrl), notification, 0, Duration.ZERO);
        }
        return Map.of("out_trade_no", trade.outTradeNo, "trade_no", trade.tradeNo, "trade_status", trade.status,
                "paid", "true");
    }

    /** Alipay's asynchronous notification of a paid trade, signed as Alipay signs it. */
    private Map<String, String> notification(Trade trade) {
        Map<String, String> n = new TreeMap<>();
        n.put("notify_time", beijing(trade.paidAt));
        n.put("notify_type", "trade_status_sync");
        n.put("notify_id", trade.notifyId);
        n.put("app_id", APP_ID);
        n.put("auth_app_id", APP_ID);
        n.put("charset", "UTF-8");
        n.put("version", "1.0");
        n.put("trade_no", trade.tradeNo);
        n.put("out_trade_no", trade.outTradeNo);
        n.put("trade_status", trade.status);
        n.put("total_amount", Yuan.of(trade.fen));
        n.put("receipt_amount", Yuan.of(trade.fen));
        n.put("buyer_pay_amount", Yuan.of(trade.fen));
        n.put("subject", trade.subject);
        n.put("gmt_create", beijing(trade.createdAt));
        n.put("gmt_payment", beijing(trade.paidAt));
        n.put("seller_id", SELLER_ID);
        n.put("buyer_id", "2088102000000001");
        return signed(n, keys.alipayPrivateKey());
    }

    /** The parameters with {@code sign_type} and {@code sign}: RSA2 over the sorted parameters but those two. */
    static Map<String, String> signed(Map<String, String> params, String privateKey) {
        Map<String, String> out = new TreeMap<>(params);
        out.remove("sign");
        out.remove("sign_type");
        try {
            String sign = AlipaySignature.rsaSign(AlipaySignature.getSignCheckContentV1(new HashMap<>(out)), privateKey,
                    "UTF-8", "RSA2");
            out.put("sign_type", "RSA2");
            out.put("sign", sign);
            return out;
        } catch (AlipayApiException e) {
            throw new IllegalStateException("the sandbox could not sign", e);
        }
    }

    /** A form body of the parameters, as Alipay posts it. */
    static String formBody(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private void schedule(URI to, Map<String, String> notification, int attempt, Duration delay) {
        if (notifier.isShutdown()) {
            return;
        }
        notifier.schedule(() -> send(to, notification, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One attempt; the merchant must answer {@code success}, else the notification is sent again later. */
    private void send(URI to, Map<String, String> notification, int attempt) {
        String outcome;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody(notification))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().strip().equals("success")) {
                return;
            }
            outcome = "HTTP " + r.statusCode();
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt < RETRIES.size()) {
            log.info("the Alipay sandbox's notification {} was not taken ({}); again in {}",
                    notification.get("notify_id"), outcome, RETRIES.get(attempt));
            schedule(to, notification, attempt + 1, RETRIES.get(attempt));
        } else {
            log.warn("the Alipay sandbox gives up on notification {} after {} attempts ({})",
                    notification.get("notify_id"), attempt + 1, outcome);
        }
    }

    // ------------------------------------------------------------------------------------------------------ the bills

    /**
     * The trade bill (对账单) behind a download URL the gateway gave: a zip with Alipay's business detail CSV
     * (业务明细, GBK) of the trades paid on the day in Beijing time. Null for a token it never gave.
     */
    byte[] bill(String token) {
        LocalDate day = billTokens.remove(token);
        if (day == null) {
            return null;
        }
        StringBuilder csv = new StringBuilder("#支付宝业务明细查询\r\n#账号：[" + SELLER_ID + "0156]\r\n")
                .append("#起始日期：[").append(day).append(" 00:00:00]   终止日期：[").append(day.plusDays(1))
                .append(" 00:00:00]\r\n#-----------------------------------------业务明细列表----------------------------------------\r\n")
                .append(BILL_HEADER).append("\r\n");
        List<Trade> paid = new ArrayList<>();
        for (Trade trade : trades.values()) {
            synchronized (trade) {
                if (trade.paidAt != null && trade.paidAt.atZone(AlipayChannel.BEIJING).toLocalDate().equals(day)) {
                    paid.add(trade);
                }
            }
        }
        long total = 0;
        for (Trade trade : paid) {
            total += trade.fen;
            csv.append(trade.tradeNo).append("\t,").append(trade.outTradeNo).append("\t,交易,")
                    .append(trade.subject.replaceAll("[,\r\n]", " ")).append(',').append(beijing(trade.createdAt)).append(',')
                    .append(beijing(trade.paidAt)).append(",,,,,buy***@example.com,").append(Yuan.of(trade.fen)).append(',')
                    .append(Yuan.of(trade.fen)).append(",0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,0.00,0.00,\r\n");
        }
        csv.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n")
                .append("#交易合计：").append(paid.size()).append("笔，商家实收共").append(Yuan.of(total)).append("元\r\n");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        String prefix = SELLER_ID + "0156_" + day.toString().replace("-", "");
        try (ZipOutputStream out = new ZipOutputStream(zip, GBK)) {
            out.putNextEntry(new ZipEntry(prefix + "_业务明细.csv"));
            out.write(csv.toString().getBytes(GBK));
            out.putNextEntry(new ZipEntry(prefix + "_业务明细(汇总).csv"));
            out.write(("#支付宝业务汇总查询\r\n#交易合计：" + paid.size() + "笔\r\n").getBytes(GBK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip.toByteArray();
    }

    /** The columns of Alipay's business detail CSV. */
    static final String BILL_HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
            + "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";

    // -------------------------------------------------------------------------------------------------------- helpers

    /** The answer as Alipay writes it: the method's node, and the signature over exactly its text. */
    private String answer(String node, Map<String, Object> result) {
        String content = JSON.writeValueAsString(result);
        try {
            String sign = AlipaySignature.rsaSign(content, keys.alipayPrivateKey(), "UTF-8", "RSA2");
            return "{\"" + node + "\":" + content + ",\"sign\":" + JSON.writeValueAsString(sign) + "}";
        } catch (AlipayApiException e) {
            throw new IllegalStateException("the sandbox could not sign", e);
        }
    }

    private Trade find(JsonNode biz) {
        String outTradeNo = text(biz, "out_trade_no");
        if (outTradeNo != null) {
            return trades.get(outTradeNo);
        }
        String tradeNo = text(biz, "trade_no");
        return tradeNo == null ? null
                : trades.values().stream().filter(t -> t.tradeNo.equals(tradeNo)).findFirst().orElse(null);
    }

    /** An unpaid trade past its {@code time_expire} is closed, as Alipay closes it. */
    private void expire(Trade trade) {
        if (trade.status.equals("WAIT_BUYER_PAY") && trade.expiresAt != null && !clock.instant().isBefore(trade.expiresAt)) {
            trade.status = "TRADE_CLOSED";
        }
    }

    private String tradeNo() {
        return LocalDate.now(clock.withZone(AlipayChannel.BEIJING)).toString().replace("-", "") + "22001"
                + String.format("%016d", Math.floorMod(random.nextLong(), 10_000_000_000_000_000L));
    }

    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, Object> success() {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("code", "10000");
        ok.put("msg", "Success");
        return ok;
    }

    private static Map<String, Object> error(String code, String msg, String subCode, String subMsg) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("msg", msg);
        e.put("sub_code", subCode);
        e.put("sub_msg", subMsg);
        return e;
    }

    private static String text(JsonNode biz, String name) {
        JsonNode value = biz.get(name);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String beijing(Instant at) {
        return AlipayChannel.TIME.format(at.atZone(AlipayChannel.BEIJING));
    }

    @Override
    public void close() {
        notifier.shutdownNow();
    }

    /** A trade as the sandbox holds it; guarded by its own lock. */
    private static final class Trade {
        final String outTradeNo;
        final String tradeNo;
        final long fen;
        final String subject;
        final String notifyUrl;
        final Instant expiresAt;
        final Instant createdAt;
        final Map<String, Long> refunds = new LinkedHashMap<>();
        String status = "WAIT_BUYER_PAY";
        Instant paidAt;
        String notifyId;

        Trade(String outTradeNo, String tradeNo, long fen, String subject, String notifyUrl, Instant expiresAt,
              Instant createdAt) {
            this.outTradeNo = outTradeNo;
            this.tradeNo = tradeNo;
            this.fen = fen;
            this.subject = subject;
            this.notifyUrl = notifyUrl;
            this.expiresAt = expiresAt;
            this.createdAt = createdAt;
        }

        long refunded() {
            return refunds.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
