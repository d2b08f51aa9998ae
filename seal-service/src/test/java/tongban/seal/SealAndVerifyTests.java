package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.Verdict;

class SealAndVerifyTests {

    @TempDir
    Path data;

    @Test
    void aCertificateSealedAtTheDefaultBaselineLtaVerifiesAsValid() throws Exception {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealedDocument sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/sealed-certificate.pdf"), sealed.pdf());

            VerificationReport report = service.verify(sealed.pdf());

            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
            assertThat(report.checks().integrity().result()).isEqualTo(Result.PASSED);
            assertThat(report.checks().issuer().department()).isEqualTo("shanghai-amr");
            assertThat(report.checks().issuer().sealId()).isEqualTo(sealed.sealId());
            assertThat(report.checks().timestamp().time()).isEqualTo(sealed.sealedAt());
            assertThat(report.etsi().indication()).isEqualTo("TOTAL_PASSED");
            assertThat(report.signatures()).singleElement()
                    .satisfies(s -> assertThat(s.level()).isEqualTo("PAdES-BASELINE-LTA"));
            assertThat(report.document().pages()).isEqualTo(1);
            assertThat(report.document().pdfa()).isEqualTo("PDF/A-3B");
            assertThat(report.document().sha256()).isEqualTo(sealed.sha256());
        }
    }
}
