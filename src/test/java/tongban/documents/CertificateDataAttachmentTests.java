package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import tongban.identity.IdNumberDigest;
import tongban.identity.ResidentIdNumber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The certificate's data travels inside its PDF as a PDF/A-3 associated file, for machines to read. */
class CertificateDataAttachmentTests {

    @Test
    void theDataIsAnAssociatedJsonFileOfTheDocumentWithRelationshipData() throws Exception {
        byte[] file = Samples.render("business-licence").pdf();

        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(file)))) {
            PdfArray associated = pdf.getCatalog().getPdfObject().getAsArray(PdfName.AF);
            assertThat(associated).isNotNull();
            assertThat(associated.size()).isEqualTo(1);
            PdfDictionary spec = associated.getAsDictionary(0);
            assertThat(spec.getAsName(PdfName.AFRelationship)).isEqualTo(PdfName.Data);
            assertThat(spec.getAsString(PdfName.UF).toUnicodeString()).isEqualTo("certificate.json");
            PdfStream embedded = spec.getAsDictionary(PdfName.EF).getAsStream(PdfName.F);
            assertThat(embedded.getAsName(PdfName.Subtype)).isEqualTo(new PdfName("application/json"));
            assertThat(pdf.getCatalog().getNameTree(PdfName.EmbeddedFiles).getNames()).hasSize(1);

            JsonNode data = JsonMapper.builder().build().readTree(embedded.getBytes());
            assertThat(data.path("format").asString()).isEqualTo("tongban-certificate-data/2");
            assertThat(data.path("certificateId").asString()).isEqualTo("0b7e4c52-6f1d-4c1e-9a3b-2d5f8e6a7c01");
            assertThat(data.path("type").asString()).isEqualTo("business-licence");
            assertThat(data.path("number").asString()).isEqualTo("92310101MA49M3027F");
            // the holder's ID number only masked and as a salted Argon2id digest (个人信息保护法 minimisation)
            assertThat(data.path("holder").has("id")).isFalse();
            assertThat(data.path("holder").path("idKind").asString()).isEqualTo("resident-id");
            assertThat(data.path("holder").path("idMasked").asString()).isEqualTo("3101**********1236");
            IdNumberDigest digest = IdNumberDigest.read(data.path("holder").path("idDigest"));
            assertThat(digest).isNotNull();
            assertThat(digest.matches(ResidentIdNumber.parse("310101198503121236"))).isTrue();
            assertThat(digest.matches(ResidentIdNumber.parse("320102199203154514"))).isFalse();
            assertThat(new String(embedded.getBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain("310101198503121236");
            assertThat(data.path("issueDate").asString()).isEqualTo("2026-11-27");
            assertThat(data.path("validUntil").isNull()).isTrue();
            assertThat(data.path("fields").path("businessScope").valueStream().map(JsonNode::asString).toList())
                    .isEqualTo(List.of("retail-general", "catering"));
            assertThat(data.path("verifyUrl").asString())
                    .isEqualTo("https://tongban.example.cn/verify/0b7e4c52-6f1d-4c1e-9a3b-2d5f8e6a7c01");
        }
    }
}
