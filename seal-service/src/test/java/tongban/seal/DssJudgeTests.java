package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EU DSS library, with a strict policy and only our root trusted, agrees with our verdicts. */
class DssJudgeTests {

    @TempDir
    Path data;

    @Test
    void dssReportsTotalPassedForASealedCertificate() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();

            List<DssJudge.Verdict> verdicts = new DssJudge(service.trustAnchors()).judge(sealed);

            assertThat(verdicts).singleElement().satisfies(v ->
                    assertThat(v.indication()).as(v.toString()).isEqualTo(Indication.TOTAL_PASSED));
        }
    }

    @Test
    void dssWithTheStrictPolicyRejectsAPageContentChangeAsWell() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();

            List<DssJudge.Verdict> verdicts = new DssJudge(service.trustAnchors())
                    .judge(Alterations.pageContentAppended(sealed));

            assertThat(verdicts).singleElement().satisfies(v ->
                    assertThat(v.indication()).as(v.toString()).isNotEqualTo(Indication.TOTAL_PASSED));
        }
    }
}
