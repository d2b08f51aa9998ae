package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Verdict;

/**
 * PAdES baseline LTA and its renewal: the sealed file and every renewed one are LTA for our verifier and for EU DSS
 * with the strict policy, a renewal only appends, and tampering on top of a renewal is still refused.
 */
class LongTermValidationTests {

    @TempDir
    Path data;

    @Test
    void aSealedCertificateIsBaselineLtaForUsAndForDss() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealedDocument sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));

            assertThat(sealed.level()).isEqualTo(SealLevel.BASELINE_LTA);
            assertLta(service, sealed.pdf());
            assertThat(service.verify(sealed.pdf()).signatures().get(0).changesAfter())
                    .anyMatch(c -> c.contains("added a document timestamp"));
        }
    }

    @Test
    void aRenewedCertificateAppendsOnlyAndStaysBaselineLtaForUsAndForDss() throws Exception {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
            LastTimestamp first = service.lastTimestamp(sealed).orElseThrow();
            Thread.sleep(1100);

            RenewedDocument renewed = service.renew(sealed);
            RenewedDocument again = service.renew(renewed.pdf());

            assertThat(Arrays.equals(renewed.pdf(), 0, sealed.length, sealed, 0, sealed.length))
                    .as("a renewal leaves every byte before it as it was").isTrue();
            assertThat(Arrays.equals(again.pdf(), 0, renewed.pdf().length, renewed.pdf(), 0, renewed.pdf().length))
                    .isTrue();
            assertThat(renewed.lastTimestamp().time()).isAfter(first.time());
            assertThat(service.lastTimestamp(renewed.pdf())).contains(renewed.lastTimestamp());
            assertLta(service, renewed.pdf());
            assertLta(service, again.pdf());
            assertThat(service.verify(again.pdf()).signatures().get(0).changesAfter())
                    .noneMatch(c -> c.startsWith("DISALLOWED"))
                    .filteredOn(c -> c.contains("added a document timestamp")).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aPageChangeAppendedAfterARenewalIsStillRefused() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
            byte[] tampered = Alterations.pageContentAppended(service.renew(sealed).pdf());

            VerificationReport report = service.verify(tampered);

            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(report.checks().integrity().code()).isEqualTo("DISALLOWED_CHANGES_AFTER_SIGNATURE");
            assertThat(new DssJudge(service.trustAnchors()).judge(tampered)).allSatisfy(v ->
                    assertThat(v.indication()).isNotEqualTo(Indication.TOTAL_PASSED));
        }
    }

    @Test
    void aDocumentWithoutATimestampCannotBeRenewed() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            assertThat(service.lastTimestamp(TestDocuments.certificate())).isEmpty();
            assertThatThrownBy(() -> service.renew(TestDocuments.certificate()))
                    .isInstanceOf(InvalidSealRequestException.class).hasMessageContaining("no timestamped seal");
            assertThatThrownBy(() -> service.renew("not a pdf".getBytes())).isInstanceOf(NotAPdfException.class);
        }
    }

    @Test
    void renewalIsDueAHorizonBeforeTheTimestampCertificateOrItsAlgorithmEnds() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
            LastTimestamp last = service.lastTimestamp(sealed).orElseThrow();
            Duration horizon = Duration.ofDays(365);

            assertThat(last.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
            assertThat(last.certificateExpiry()).isAfter(Instant.now().plus(Duration.ofDays(365L * 19)));
            assertThat(last.renewalDue(horizon, Map.of())).isEqualTo(last.certificateExpiry().minus(horizon));
            Instant sunset = Instant.parse("2031-01-01T00:00:00Z");
            assertThat(last.renewalDue(horizon, Map.of("SHA256withECDSA", sunset))).isEqualTo(sunset.minus(horizon));
            assertThat(last.renewalDue(horizon, Map.of("SHA1withRSA", sunset)))
                    .isEqualTo(last.certificateExpiry().minus(horizon));
        }
    }

    private static void assertLta(SealService service, byte[] pdf) {
        VerificationReport report = service.verify(pdf);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).singleElement().satisfies(s ->
                assertThat(s.level()).isEqualTo("PAdES-BASELINE-LTA"));
        assertThat(new DssJudge(service.trustAnchors()).judge(pdf)).singleElement().satisfies(v -> {
            assertThat(v.indication()).as(v.toString()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(v.format()).as(v.toString()).isEqualTo(SignatureLevel.PAdES_BASELINE_LTA);
        });
    }
}
