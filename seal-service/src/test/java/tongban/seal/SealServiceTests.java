package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.StatusCheck;
import tongban.seal.VerificationReport.Verdict;
import tongban.seal.keys.Pem;

class SealServiceTests {

    @TempDir
    Path data;

    @Test
    void theRegistryListsOneSealPerDepartmentWithItsImageAndKeyKind() throws Exception {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            assertThat(service.seals()).extracting(SealEntry::departmentId)
                    .containsExactly("shanghai-amr", "shanghai-psb");
            SealEntry market = service.sealOf("shanghai-amr").orElseThrow();
            assertThat(market.sealId()).matches("shanghai-amr-[0-9a-f]{16}");
            assertThat(market.keyKind()).isEqualTo(KeyKind.PKCS12);
            assertThat(market.certificateSubject()).contains("LOCAL TEST");
            assertThat(service.sealImage("shanghai-psb")).startsWith(0x89, 'P', 'N', 'G');
            assertThat(Pem.readCertificates(service.trustAnchorsPem())).isEqualTo(service.trustAnchors());
        }
    }

    @Test
    void aSecondStartKeepsTheSameSeals() {
        String first;
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            first = service.sealOf("shanghai-amr").orElseThrow().sealId();
        }
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            assertThat(service.sealOf("shanghai-amr").orElseThrow().sealId()).isEqualTo(first);
        }
    }

    @Test
    void everySealIsAuditedAsAJsonLineWithoutTheSecret() throws Exception {
        Path log = data.resolve("audit/seals.jsonl");
        try (SealService service = TestDocuments.embeddedService(data.resolve("keys"),
                new JsonLinesSealAuditLog(log))) {
            SealedDocument sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                    .contains("\"actor\":\"officer-7\"", "\"departmentId\":\"shanghai-amr\"",
                            "\"sealId\":\"" + sealed.sealId() + "\"", "\"sealedSha256\":\"" + sealed.sha256() + "\"",
                            "\"level\":\"BASELINE_LTA\"", "\"documentSha256\":\"")
                    .doesNotContain(Files.readString(data.resolve("keys/secret")).strip()));
        }
    }

    @Test
    void sealingForAnUnknownDepartmentOrANonPdfOrOffThePageIsRefused() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            byte[] pdf = TestDocuments.certificate();
            assertThatThrownBy(() -> service.seal(new SealCommand("beijing-amr", pdf, TestDocuments.SEAL_POSITION,
                    "officer-7", null, null))).isInstanceOf(UnknownDepartmentException.class);
            assertThatThrownBy(() -> service.seal(TestDocuments.sealCommand("text".getBytes(), null)))
                    .isInstanceOf(NotAPdfException.class);
            assertThatThrownBy(() -> service.seal(new SealCommand("shanghai-amr", pdf,
                    new SealPosition(2, 10, 10, 100, 100), "officer-7", null, null)))
                    .isInstanceOf(InvalidSealRequestException.class).hasMessageContaining("page 2");
            assertThatThrownBy(() -> service.seal(new SealCommand("shanghai-amr", pdf,
                    new SealPosition(1, 550, 10, 100, 100), "officer-7", null, null)))
                    .isInstanceOf(InvalidSealRequestException.class).hasMessageContaining("outside");
        }
    }

    @Test
    void anUnreachableTimestampAuthorityFailsTheSealAndAuditsNothing() throws Exception {
        SealConfig production = TestDocuments.productionWithUnreachableTsa(data);
        List<SealApplied> audited = new java.util.ArrayList<>();
        try (SealService service = SealService.start(production, audited::add)) {
            assertThat(service.seals().get(0).keyKind()).isEqualTo(KeyKind.PKCS12);

            assertThatThrownBy(() -> service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)))
                    .isInstanceOf(SealServiceException.class)
                    .extracting(e -> ((SealServiceException) e).code()).isEqualTo("TIMESTAMP_UNAVAILABLE");
            assertThat(audited).isEmpty();
        }
    }

    @Test
    void aBaselineTSealIsCheckedAgainstTheCasCurrentCrlAndIsIndeterminateWithoutOne() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealedDocument sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(),
                    SealLevel.BASELINE_T));

            VerificationReport report = service.verify(sealed.pdf());
            VerificationReport offline = new tongban.seal.verification.DocumentVerifier(service.trustAnchors(),
                    service.allSeals(), certificate -> List.of(), java.time.Clock.systemUTC()).verify(sealed.pdf());

            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
            assertThat(report.signatures().get(0).level()).isEqualTo("PAdES-BASELINE-T");
            assertThat(offline.verdict()).isEqualTo(Verdict.INDETERMINATE);
            assertThat(offline.checks().integrity().code()).isEqualTo("SIGNATURE_COVERS_WHOLE_FILE");
            assertThat(offline.checks().issuer().code()).isEqualTo("REVOCATION_DATA_MISSING");
            assertThat(offline.etsi().subIndication()).isEqualTo("TRY_LATER");
        }
    }

    @Test
    void aRevokedCertificateStatusSuppliedByTheCallerMakesTheVerdictInvalid() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealedDocument sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));
            VerificationReport report = service.verify(sealed.pdf());
            assertThat(report.checks().status()).isEqualTo(StatusCheck.notChecked());

            VerificationReport revoked = report.withStatus(
                    new StatusCheck(Result.FAILED, "CERTIFICATE_REVOKED", "EC-2026-1"));
            VerificationReport valid = report.withStatus(new StatusCheck(Result.PASSED, "CERTIFICATE_VALID", "EC-2026-1"));

            assertThat(revoked.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(valid.verdict()).isEqualTo(Verdict.VALID);
            assertThat(valid.checks().status().certificateId()).isEqualTo("EC-2026-1");
        }
    }

    @Test
    void aDocumentSealedByAnotherInstallationIsNotTrusted() {
        byte[] foreign;
        try (SealService other = TestDocuments.embeddedService(data.resolve("other"), event -> { })) {
            foreign = other.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
        }
        try (SealService service = TestDocuments.embeddedService(data.resolve("ours"), event -> { })) {
            VerificationReport report = service.verify(foreign);

            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(report.checks().integrity().result()).isEqualTo(Result.PASSED);
            assertThat(report.checks().issuer().code()).isEqualTo("UNTRUSTED_SEAL");
        }
    }
}
