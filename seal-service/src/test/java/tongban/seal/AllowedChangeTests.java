package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.signatures.CrlClientOffline;
import com.itextpdf.signatures.PdfPadesSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Verdict;

/** Revisions that only add validation data or document timestamps keep a sealed document VALID. */
class AllowedChangeTests {

    @TempDir
    Path data;

    @Test
    void addedValidationDataAndADocumentTimestampKeepTheSealValid() throws Exception {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfPadesSigner prolonger = new PdfPadesSigner(new PdfReader(new ByteArrayInputStream(sealed)), out);
            prolonger.setCrlClient(new CrlClientOffline(service.revocationLists().get(0).der()));
            prolonger.setTrustedCertificates(new java.util.ArrayList<>(service.trustAnchors()));
            prolonger.prolongSignatures(new InProcessTsaClient(service.timestampAuthority().orElseThrow()));
            byte[] prolonged = out.toByteArray();

            VerificationReport report = service.verify(prolonged);

            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
            assertThat(report.checks().integrity().code()).isEqualTo("ONLY_ALLOWED_CHANGES_AFTER_SIGNATURE");
            assertThat(report.signatures().get(0).revisionsAfter()).isGreaterThanOrEqualTo(2);
            assertThat(report.signatures().get(0).changesAfter())
                    .anyMatch(c -> c.contains("added a document timestamp"))
                    .noneMatch(c -> c.startsWith("DISALLOWED"));
            assertThat(report.signatures().get(0).level()).isEqualTo("PAdES-BASELINE-LTA");
        }
    }

    @Test
    void aSealedDocumentWithItsValidationDataCoversItsSealRevisionOnly() throws Exception {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();

            VerificationReport report = service.verify(sealed);

            assertThat(report.verdict()).isEqualTo(Verdict.VALID);
            assertThat(report.signatures().get(0).coversWholeFile()).isFalse();
            assertThat(report.signatures().get(0).changesAfter())
                    .anyMatch(c -> c.contains("added validation data (DSS)"));
        }
    }
}
