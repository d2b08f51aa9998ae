package tongban.payment.alipay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tongban.payment.PaymentChannel.Notification;

/**
 * Reads Alipay's trade bill (对账单): a zip whose business detail file ({@code …_业务明细.csv}, GBK) lists the day's
 * trades between {@code #} comment lines, under a header row naming the columns; ids carry a trailing tab (for Excel).
 * Each payment ({@code 业务类型} 交易) becomes a PAID notification of its order, amount and completion time.
 */
final class AlipayBill {

    private static final Charset GBK = Charset.forName("GBK");
    /** A bill larger than this is not Alipay's for one merchant-day of this service. */
    private static final int MAX_BYTES = 32 * 1024 * 1024;

    private AlipayBill() {
    }

    static List<Notification> payments(InputStream zipped) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(zipped, GBK)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith("业务明细.csv")) {
                    // read no further than any real bill goes: a zip bomb stops here
                    byte[] csv = zip.readNBytes(MAX_BYTES + 1);
                    if (csv.length > MAX_BYTES) {
                        throw new IOException("the bill is larger than any of Alipay's for one day");
                    }
                    return rows(new BufferedReader(new StringReader(new String(csv, GBK))));
                }
            }
        }
        throw new IOException("the bill has no business detail file (业务明细)");
    }

    private static List<Notification> rows(BufferedReader csv) throws IOException {
        List<String> header = null;
        List<Notification> payments = new ArrayList<>();
        for (String line = csv.readLine(); line != null; line = csv.readLine()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.size() < header.size() - 1) {
                throw new IOException("a row of the bill has " + cells.size() + " columns, the header " + header.size());
            }
            if (!"交易".equals(cell(header, cells, "业务类型"))) {
                continue;
            }
            String tradeNo = cell(header, cells, "支付宝交易号");
            try {
                payments.add(new Notification(cell(header, cells, "商户订单号"), tradeNo,
                        Yuan.toFen(cell(header, cells, "订单金额（元）")), Notification.State.PAID,
                        LocalDateTime.parse(cell(header, cells, "完成时间"), AlipayChannel.TIME)
                                .atZone(AlipayChannel.BEIJING).toInstant(),
                        "bill:" + tradeNo));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IOException("a row of the bill holds no amount or time where Alipay writes them", e);
            }
        }
        if (header == null) {
            throw new IOException("the bill's business detail has no header row");
        }
        return payments;
    }

    private static String cell(List<String> header, List<String> cells, String column) throws IOException {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IOException("the bill has no column " + column);
        }
        return i < cells.size() ? cells.get(i) : "";
    }
}
