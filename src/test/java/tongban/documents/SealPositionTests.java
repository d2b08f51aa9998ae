package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seal rectangle handed to the sealer is where the template's CSS puts {@code <div id="seal">}. */
class SealPositionTests {

    private static final float POINTS_PER_MM = 72f / 25.4f;

    static java.util.List<String> types() {
        return Samples.types();
    }

    @Test
    void theBusinessLicenceSealIsTheCssBoxMeasuredFromThePageCorner() {
        SealPosition seal = Samples.render("business-licence").seal();

        // style.css: the inner frame's padding box starts 8 + 1.6 + 1.2 + 0.3 mm from the A4 landscape page's
        // top left corner and is 187 mm high; #seal is 42 mm square, 46 mm from its right and 20 mm from its bottom
        float frame = 8f + 1.6f + 1.2f + 0.3f;
        float innerBottom = 210 - frame - 187;
        assertThat(seal.page()).isEqualTo(1);
        assertThat(seal.width()).isCloseTo(42 * POINTS_PER_MM, within(0.5f));
        assertThat(seal.height()).isCloseTo(42 * POINTS_PER_MM, within(0.5f));
        assertThat(seal.x()).isCloseTo((297 - frame - 46 - 42) * POINTS_PER_MM, within(0.5f));
        assertThat(seal.y()).isCloseTo((innerBottom + 20) * POINTS_PER_MM, within(0.5f));
    }

    @ParameterizedTest(name = "the {0} seal lies on page 1, inside the page")
    @MethodSource("types")
    void theSealLiesOnThePage(String type) throws Exception {
        CertificateDocument document = Samples.render(type);
        SealPosition seal = document.seal();

        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(document.pdf())))) {
            Rectangle page = pdf.getPage(seal.page()).getPageSize();
            assertThat(new Rectangle(seal.x(), seal.y(), seal.width(), seal.height()))
                    .matches(box -> page.contains(box), "inside " + page);
        }
        assertThat(seal.width()).isGreaterThan(30 * POINTS_PER_MM);
    }
}
