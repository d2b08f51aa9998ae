package tongban.payment.wechatpay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tongban.payment.PaymentChannel.Notification;

/**
 * WeChat Pay's trade bill (交易账单, {@code bill_type=ALL}) as text: a header line of column names, one line per trade
 * whose fields each begin with a backquote, then the totals under a header starting {@code 总交易单数}. Amounts are in
 * yuan with two decimals and become fen without floating point. Written by the sandbox, read by the channel.
 */
final class TradeBill {

    static final List<String> COLUMNS = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号",
            "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号",
            "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率",
            "订单金额", "申请退款金额", "费率备注");
    private static final String TOTALS = "总交易单数";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TradeBill() {
    }

    /** One trade of the bill: a payment ({@code SUCCESS}) or a refund ({@code REFUND}). */
    record Line(Instant at, String appId, String merchantId, String transactionId, String orderNumber, String state,
                long orderFen, String refundId, String refundNumber, long refundFen, String description) {
    }

    static String write(List<Line> lines) {
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        long paid = 0;
        long refunded = 0;
        for (Line line : lines) {
            boolean refund = line.state().equals("REFUND");
            List<String> fields = List.of(TIME.format(line.at().atZone(WechatPayChannel.BEIJING)), line.appId(),
                    line.merchantId(), "0", "", line.transactionId(), line.orderNumber(), "sandbox-payer", "NATIVE",
                    line.state(), "OTHERS", "CNY", yuan(refund ? 0 : line.orderFen()), "0.00",
                    refund ? line.refundId() : "0", refund ? line.refundNumber() : "0", yuan(line.refundFen()), "0.00",
                    refund ? "ORIGINAL" : "", refund ? "SUCCESS" : "", line.description(), "", "0.00000", "0.60%",
                    yuan(line.orderFen()), yuan(line.refundFen()), "");
            text.append('`').append(String.join(",`", fields.stream().map(f -> f.replace(",", "，")).toList())).append("\r\n");
            paid += refund ? 0 : line.orderFen();
            refunded += line.refundFen();
        }
        text.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n")
                .append('`').append(lines.size()).append(",`").append(yuan(paid)).append(",`").append(yuan(refunded))
                .append(",`0.00,`0.00000,`").append(yuan(paid)).append(",`").append(yuan(refunded)).append("\r\n");
        return text.toString();
    }

    /** The bill's payments as PAID and its refunds as REFUNDED, each with the amount it moved. */
    static List<Notification> read(String text) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0) {
            return List.of();
        }
        List<String> header = Arrays.stream(lines[0].replace("\uFEFF", "").split(",")).map(String::strip).toList();
        int time = column(header, "交易时间");
        int transaction = column(header, "微信订单号");
        int order = column(header, "商户订单号");
        int state = column(header, "交易状态");
        int amount = column(header, "订单金额");
        int refundId = column(header, "微信退款单号");
        int refundAmount = column(header, "退款金额");
        List<Notification> found = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].startsWith(TOTALS); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = Arrays.stream(lines[i].split(",", -1)).map(f -> f.startsWith("`") ? f.substring(1) : f).toList();
            Instant at = LocalDateTime.parse(fields.get(time), TIME).atZone(WechatPayChannel.BEIJING).toInstant();
            boolean refund = fields.get(state).equals("REFUND");
            found.add(new Notification(fields.get(order), fields.get(transaction),
                    fen(fields.get(refund ? refundAmount : amount)),
                    refund ? Notification.State.REFUNDED : Notification.State.PAID, at,
                    "bill:" + fields.get(transaction) + (refund ? ":" + fields.get(refundId) : "")));
        }
        return List.copyOf(found);
    }

    private static int column(List<String> header, String name) {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("WeChat Pay's trade bill has no column " + name);
        }
        return at;
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
    }

    static long fen(String yuan) {
        return new BigDecimal(yuan.strip()).movePointRight(2).longValueExact();
    }
}
