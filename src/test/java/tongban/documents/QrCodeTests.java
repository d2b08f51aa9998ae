package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A phone scanning the printed certificate lands on its verification page. */
class QrCodeTests {

    static java.util.List<String> types() {
        return Samples.types();
    }

    @ParameterizedTest(name = "the {0} QR code leads to /verify/<certificateId>")
    @MethodSource("types")
    void theQrCodeOnThePageLeadsToTheCertificatesVerificationPage(String type) throws Exception {
        CertificateData data = Samples.sample(type);
        BufferedImage page = Pictures.firstPage(Samples.renderer().render(data).pdf(), 150);
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());

        String scanned = new QRCodeReader().decode(
                new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();

        assertThat(scanned).isEqualTo(data.verifyBaseUrl() + "/verify/" + data.certificateId());
    }
}
