package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every outcome of every item makes the notice of its kind, PDF/A-3B compliant by veraPDF, with the seal's
 * place on its last page. Also the preview: each notice's PDF and page pictures go to src/target/notices/.
 */
class NoticeConformanceTests {

    static List<Notices.Case> cases() {
        return Notices.CASES;
    }

    @ParameterizedTest(name = "the {0} notice is PDF/A-3B compliant, of its kind, with the seal on its last page")
    @MethodSource("cases")
    void eachDecisionMakesACompliantNoticeOfItsKind(Notices.Case c) throws Exception {
        assertThat(Notices.decision(c).outcome()).isEqualTo(c.outcome());

        NoticeDocument notice = Notices.render(c);
        Pictures.keep(Notices.OUTPUT, c.name(), notice.pdf(), notice.seal());

        assertThat(notice.kind()).isEqualTo(NoticeKind.of(c.outcome()));
        assertThat(VeraPdf.failuresAsPdfA3b(notice.pdf())).isEmpty();
        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(notice.pdf())))) {
            assertThat(notice.pages()).isEqualTo(pdf.getNumberOfPages());
            assertThat(notice.seal().page()).isEqualTo(pdf.getNumberOfPages());
            Rectangle page = pdf.getPage(notice.seal().page()).getPageSize();
            assertThat(page.contains(new Rectangle(notice.seal().x(), notice.seal().y(), notice.seal().width(),
                    notice.seal().height()))).isTrue();
        }
    }
}
