package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What a reader of each certificate sees, as text extracted from the page. */
class CertificateTextTests {

    private static String pageText(String type) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(Samples.render(type).pdf())))) {
            return PdfTextExtractor.getTextFromPage(pdf.getPage(1));
        }
    }

    @Test
    void theBusinessLicenceShowsTheOperatorTheCreditCodeAndTheScopeNames() throws IOException {
        String text = pageText("business-licence");

        assertThat(text).contains("陈建国", "92310101MA49M3027F", "上海市黄浦区建国便利店", "个体工商户", "个人经营",
                "一般零售", "餐饮服务", "上海市黄浦区南京东路100号1层101室", "上海市黄浦区市场监督管理局", "2026年11月27日");
        assertThat(text).doesNotContain("retail-general");
    }

    @Test
    void theFoodBusinessLicenceShowsTheJyNumberTheFoodCategoriesAndTheValidity() throws IOException {
        String text = pageText("food-business-licence");

        assertThat(text).contains("上海市浦东新区秀英小吃店", "92310115MA00023B1N", "王秀英", "JY23101150011270",
                "餐饮服务经营者", "预包装食品销售", "热食类食品制售", "冷食类食品制售", "2031年11月26日",
                "上海市浦东新区市场监督管理局");
        assertThat(text).doesNotContain("catering-hot");
    }

    @Test
    void theResidencePermitShowsTheIdNumberMaskedAndTheSexTheNumberEncodes() throws IOException {
        String text = pageText("residence-permit");

        assertThat(text).contains("张丽", "3201**********2423", "女", "浦东新区", "上海市浦东新区世纪大道100号2号楼1203室",
                "上海市公安局", "2026年11月27日至2029年11月26日", "JZ310115202600000425");
        assertThat(text).doesNotContain("320102199007152423");
    }

    @Test
    void markupInAValueIsPrintedAsTextNotInterpreted() throws IOException {
        CertificateData sample = Samples.sample("business-licence");
        CertificateData markup = new CertificateData(sample.certificateId(), sample.type(), sample.number(),
                "<b>陈建国</b>", sample.holderId(), sample.issuer(), sample.issueDate(), null, sample.fields(),
                sample.verifyBaseUrl());

        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(
                Samples.renderer().render(markup).pdf())))) {
            assertThat(PdfTextExtractor.getTextFromPage(pdf.getPage(1))).contains("<b>陈建国</b>");
        }
    }
}
