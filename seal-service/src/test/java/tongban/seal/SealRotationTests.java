package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Verdict;
import tongban.seal.keys.LocalTestAuthority;
import tongban.seal.keys.Pem;
import tongban.seal.keys.Pkcs12KeySource;
import tongban.seal.pades.PadesSealer;

/** Seal key rotation (换章) and seal revocation (吊销) by the local test authority, and what they do to verification. */
class SealRotationTests {

    @TempDir
    Path data;

    @Test
    void documentsSealedBeforeARotationStillVerifyAfterItAndAfterARestart() {
        byte[] before;
        SealEntry old;
        SealEntry rotated;
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            old = service.sealOf(TestDocuments.MARKET.id()).orElseThrow();
            before = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();

            rotated = service.rotate(TestDocuments.MARKET.id());
            SealedDocument after = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));

            assertThat(rotated.sealId()).isNotEqualTo(old.sealId()).startsWith("shanghai-amr-");
            assertThat(rotated.current()).isTrue();
            assertThat(after.sealId()).isEqualTo(rotated.sealId());
            assertValid(service, before, old.sealId());
            assertValid(service, after.pdf(), rotated.sealId());
            assertThat(service.allSeals()).extracting(SealEntry::sealId, SealEntry::current)
                    .contains(org.assertj.core.groups.Tuple.tuple(old.sealId(), false),
                            org.assertj.core.groups.Tuple.tuple(rotated.sealId(), true));
        }
        try (SealService restarted = TestDocuments.embeddedService(data, event -> { })) {
            assertThat(restarted.sealOf(TestDocuments.MARKET.id()).orElseThrow().sealId())
                    .isEqualTo(rotated.sealId());
            assertValid(restarted, before, old.sealId());
        }
    }

    @Test
    void aSealRevokedAtTKeepsEarlierDocumentsValidAndMakesLaterOnesInvalid() throws Exception {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealEntry seal = service.sealOf(TestDocuments.MARKET.id()).orElseThrow();
            SealedDocument before = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));
            byte[] crlBeforeRevocation = service.revocationLists().get(0).der();
            Thread.sleep(1100);
            Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Thread.sleep(1100);

            SealEntry revoked = service.revoke(new RevokeSeal(seal.sealId(), revokedAt,
                    RevocationReason.KEY_COMPROMISE));

            assertThat(revoked.revokedAt()).contains(revokedAt);
            X509CRLEntryHolder entry = new X509CRLHolder(service.revocationLists().get(0).der())
                    .getRevokedCertificate(seal.chain().get(0).getSerialNumber());
            assertThat(entry).as("the CA's CRL lists the revoked seal").isNotNull();
            assertThat(entry.getRevocationDate().toInstant()).isEqualTo(revokedAt);
            assertThat(CRLReason.getInstance(entry.getExtensions().getExtension(
                    org.bouncycastle.asn1.x509.Extension.reasonCode).getParsedValue()).getValue().intValue())
                    .isEqualTo(CRLReason.keyCompromise);
            assertThat(Files.readAllBytes(data.resolve(LocalTestAuthority.CRL_FILE_NAME)))
                    .isEqualTo(service.revocationLists().get(0).der());
            assertThat(before.sealedAt()).isBefore(revokedAt);
            assertValid(service, before.pdf(), seal.sealId());

            // whoever holds the revoked key seals after T, embedding a CRL from before the revocation
            byte[] later = sealWithStolenKey(service, crlBeforeRevocation);
            VerificationReport report = service.verify(later);
            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.INVALID);
            assertThat(report.checks().issuer().code()).isEqualTo("CERTIFICATE_REVOKED");
            assertThat(report.etsi().subIndication()).isEqualTo("REVOKED");

            assertThatThrownBy(() -> service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)))
                    .isInstanceOf(SealServiceException.class)
                    .extracting(e -> ((SealServiceException) e).code()).isEqualTo("SEAL_REVOKED");
            SealEntry replacement = service.rotate(TestDocuments.MARKET.id());
            assertValid(service, service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf(),
                    replacement.sealId());
            assertValid(service, before.pdf(), seal.sealId());
        }
        try (SealService restarted = TestDocuments.embeddedService(data, event -> { })) {
            assertThat(restarted.allSeals()).filteredOn(s -> s.revokedAt().isPresent()).singleElement()
                    .satisfies(s -> assertThat(s.current()).isFalse());
        }
    }

    @Test
    void aRotationCutShortAfterRecordingTheOldCertificateLeavesOneCurrentSeal() throws Exception {
        String current;
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealEntry seal = service.sealOf(TestDocuments.MARKET.id()).orElseThrow();
            current = seal.sealId();
            Files.writeString(data.resolve("retired-seal-" + TestDocuments.MARKET.id() + ".pem"),
                    Pem.write(List.of(seal.chain().get(0))));
        }
        try (SealService restarted = TestDocuments.embeddedService(data, event -> { })) {
            assertThat(restarted.allSeals()).filteredOn(s -> s.sealId().equals(current)).singleElement()
                    .satisfies(s -> assertThat(s.current()).isTrue());
        }
    }

    @Test
    void revocationsThatMakeNoSenseAreRefused() {
        try (SealService service = TestDocuments.embeddedService(data, event -> { })) {
            SealEntry seal = service.sealOf(TestDocuments.POLICE.id()).orElseThrow();

            assertThatThrownBy(() -> service.revoke(new RevokeSeal("shanghai-psb-0000000000000000", Instant.now(),
                    RevocationReason.UNSPECIFIED))).isInstanceOf(UnknownSealException.class);
            assertThatThrownBy(() -> service.revoke(new RevokeSeal(seal.sealId(), Instant.now().plusSeconds(3600),
                    RevocationReason.UNSPECIFIED))).isInstanceOf(SealAdministrationException.class)
                    .satisfies(e -> assertThat(((SealAdministrationException) e).field()).isEqualTo("at"));
            assertThatThrownBy(() -> service.revoke(new RevokeSeal(seal.sealId(), seal.notBefore().minusSeconds(60),
                    RevocationReason.UNSPECIFIED))).isInstanceOf(SealAdministrationException.class)
                    .extracting(e -> ((SealServiceException) e).code()).isEqualTo("INVALID_REVOCATION_TIME");
            service.revoke(new RevokeSeal(seal.sealId(), Instant.now(), RevocationReason.CESSATION_OF_OPERATION));
            assertThatThrownBy(() -> service.revoke(new RevokeSeal(seal.sealId(), Instant.now(),
                    RevocationReason.UNSPECIFIED)))
                    .extracting(e -> ((SealServiceException) e).code()).isEqualTo("SEAL_ALREADY_REVOKED");
            assertThatThrownBy(() -> service.rotate("beijing-amr")).isInstanceOf(UnknownDepartmentException.class);
        }
    }

    @Test
    void sealsOfAnExternalCaAreRotatedAndRevokedThere() throws Exception {
        try (SealService service = SealService.start(TestDocuments.productionWithUnreachableTsa(data),
                event -> { })) {
            String sealId = service.seals().get(0).sealId();
            assertThatThrownBy(() -> service.rotate(TestDocuments.MARKET.id()))
                    .extracting(e -> ((SealServiceException) e).code()).isEqualTo("SEAL_AUTHORITY_EXTERNAL");
            assertThatThrownBy(() -> service.revoke(new RevokeSeal(sealId, Instant.now(),
                    RevocationReason.UNSPECIFIED)))
                    .extracting(e -> ((SealServiceException) e).code()).isEqualTo("SEAL_AUTHORITY_EXTERNAL");
        }
    }

    private byte[] sealWithStolenKey(SealService service, byte[] oldCrl) {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(data, List.of(TestDocuments.MARKET),
                TestDocuments.CRL_BASE_URL, java.time.Clock.systemUTC());
        try (KeySource key = Pkcs12KeySource.open(authority.sealKey(TestDocuments.MARKET.id()))) {
            PadesSealer sealer = new PadesSealer(service.timestampAuthority().orElseThrow(),
                    certificate -> List.of(oldCrl), service.trustAnchors());
            return sealer.seal(TestDocuments.certificate(), key, PadesSealer.prepare(
                            service.sealImage(TestDocuments.MARKET.id())), TestDocuments.SEAL_POSITION, null,
                    SealLevel.BASELINE_LT).pdf();
        }
    }

    private static void assertValid(SealService service, byte[] pdf, String sealId) {
        VerificationReport report = service.verify(pdf);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.checks().issuer().sealId()).isEqualTo(sealId);
    }
}
