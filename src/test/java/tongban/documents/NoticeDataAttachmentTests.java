package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A notice carries its data and the whole decision as an associated JSON file, for machines to read. */
class NoticeDataAttachmentTests {

    @Test
    void theNoticeDataAndTheDecisionAreAnAssociatedJsonFile() throws Exception {
        Notices.Case c = Notices.named("food-incomplete");
        byte[] file = Notices.render(c).pdf();

        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(file)))) {
            PdfArray associated = pdf.getCatalog().getPdfObject().getAsArray(PdfName.AF);
            assertThat(associated.size()).isEqualTo(1);
            PdfDictionary spec = associated.getAsDictionary(0);
            assertThat(spec.getAsName(PdfName.AFRelationship)).isEqualTo(PdfName.Data);
            assertThat(spec.getAsString(PdfName.UF).toUnicodeString()).isEqualTo("notice.json");

            JsonNode data = JsonMapper.builder().build().readTree(spec.getAsDictionary(PdfName.EF).getAsStream(PdfName.F).getBytes());
            assertThat(data.path("format").asString()).isEqualTo("tongban-notice-data/1");
            assertThat(data.path("documentId").asString()).isEqualTo("n-food-incomplete");
            assertThat(data.path("kind").asString()).isEqualTo("INCOMPLETE");
            assertThat(data.path("applicationId").asString()).isEqualTo("app-food-incomplete");
            assertThat(data.path("department").path("id").asString()).isEqualTo("shanghai-amr");
            assertThat(data.path("verifyUrl").asString()).isEqualTo("https://tongban.example.cn/verify/n-food-incomplete");
            assertThat(data.path("decision").path("outcome").asString()).isEqualTo("INCOMPLETE");
            assertThat(data.path("decision").path("item").asString()).isEqualTo("food-business-licence");
            assertThat(data.path("decision").path("materials").size()).isEqualTo(Notices.decision(c).materials().size());
        }
    }
}
