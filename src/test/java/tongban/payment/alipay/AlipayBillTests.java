package tongban.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tongban.payment.PaymentChannel.Notification;

/**
 * Alipay's trade bill as Alipay writes it (GBK, comment lines, ids with a trailing tab, payments and refunds): each
 * payment read with its order, trade, amount in fen and time; a bill that is not one is an error, never an empty day.
 */
class AlipayBillTests {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void paymentsAreReadAndRefundsLeftOut() throws IOException {
        String csv = "#支付宝业务明细查询\r\n#账号：[20887210000000010156]\r\n#-----业务明细列表-----\r\n"
                + AlipaySandbox.BILL_HEADER + "\r\n"
                + "2026120422001400001111111111\t,T1\t,交易,补领证照 工本费,2026-12-04 10:00:00,2026-12-04 10:00:05,,,,,"
                + "ab***@example.com,20.00,20.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,0.00,0.00,\r\n"
                + "2026120422001400002222222222\t,T2\t,退款,补领证照 工本费,2026-12-04 11:00:00,2026-12-04 11:00:01,,,,,"
                + "cd***@example.com,-20.00,-20.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,RT2\t,0.00,0.00,\r\n"
                + "#-----业务明细列表结束-----\r\n#交易合计：1笔\r\n";
        List<Notification> payments = AlipayBill.payments(new ByteArrayInputStream(zip("x_业务明细.csv", csv)));
        assertThat(payments).containsExactly(new Notification("T1", "2026120422001400001111111111", 2000,
                Notification.State.PAID, Instant.parse("2026-12-04T02:00:05Z"), "bill:2026120422001400001111111111"));
    }

    @Test
    void whatIsNoBillIsAnError() {
        assertThatThrownBy(() -> AlipayBill.payments(new ByteArrayInputStream("not a zip".getBytes())))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AlipayBill.payments(new ByteArrayInputStream(zip("x_业务明细(汇总).csv", "#"))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AlipayBill.payments(new ByteArrayInputStream(zip("x_业务明细.csv", "#only comments\r\n"))))
                .isInstanceOf(IOException.class);
        String threeDecimals = AlipaySandbox.BILL_HEADER + "\r\n1\t,T1\t,交易,s,2026-12-04 10:00:00,2026-12-04 10:00:05,,,,,"
                + "a,20.001,20.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,0.00,0.00,\r\n";
        assertThatThrownBy(() -> AlipayBill.payments(new ByteArrayInputStream(zip("x_业务明细.csv", threeDecimals))))
                .isInstanceOf(IOException.class);
    }

    private static byte[] zip(String name, String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, GBK)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(GBK));
        }
        return out.toByteArray();
    }
}
