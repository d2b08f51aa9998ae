package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.Verdict;

/** Altered copies of a really sealed certificate must be INVALID, each with its reason. */
class AttackTests {

    @TempDir
    static Path data;
    static SealService service;
    static byte[] sealed;
    static final java.util.Map<String, VerificationReport> VERDICTS = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeAll
    static void sealACertificate() {
        service = TestDocuments.embeddedService(data, event -> { });
        sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
        assertThat(service.verify(sealed).verdict()).isEqualTo(Verdict.VALID);
    }

    @AfterAll
    static void close() throws java.io.IOException {
        service.close();
        StringBuilder table = new StringBuilder();
        VERDICTS.forEach((attack, report) -> table.append(attack).append(" -> ").append(report.verdict())
                .append(" integrity=").append(report.checks().integrity().code())
                .append(" issuer=").append(report.checks().issuer().code())
                .append(" timestamp=").append(report.checks().timestamp().code())
                .append(" etsi=").append(report.etsi().indication()).append('/').append(report.etsi().subIndication())
                .append('\n'));
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target/attack-verdicts.txt"), table);
    }

    /** Verifies an altered copy and keeps the report for target/attack-verdicts.txt. */
    private static VerificationReport verify(String attack, byte[] altered) {
        VerificationReport report = service.verify(altered);
        VERDICTS.put(attack, report);
        return report;
    }

    @Test
    void pageContentAppendedAsAnIncrementalUpdateIsInvalid() {
        VerificationReport report = verify("page content appended as an incremental update", Alterations.pageContentAppended(sealed));

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.signatures().get(0).changesAfter())
                .anyMatch(c -> c.startsWith("DISALLOWED") && c.contains("page object"));
    }

    @Test
    void oneByteChangedInsideTheSignedRangeIsInvalid() {
        VerificationReport report = verify("one byte changed inside a signed range", Alterations.oneByteChanged(sealed));

        assertInvalid(report, "DIGEST_MISMATCH");
        assertThat(report.etsi().subIndication()).isEqualTo("HASH_FAILURE");
    }

    @Test
    void aRewrittenByteRangeIsInvalid() {
        VerificationReport report = verify("ByteRange rewritten", Alterations.byteRangeRewritten(sealed));

        assertInvalid(report, "BYTE_RANGE_INVALID");
    }

    @Test
    void aSecondUntrustedSignatureIsInvalid() throws Exception {
        VerificationReport report = verify("second, untrusted signature", Strangers.secondSignature(sealed));

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.checks().issuer().result()).isEqualTo(Result.FAILED);
        assertThat(report.checks().issuer().code()).isEqualTo("UNTRUSTED_SEAL");
        assertThat(report.signatures().get(0).changesAfter())
                .anyMatch(c -> c.contains("a signature that is not a document timestamp"));
    }

    @Test
    void anXrefOnlyUpdateThatFreesAnObjectIsInvalid() {
        int page = Alterations.pageObjectNumber(sealed);
        byte[] altered = Alterations.xrefOnlyUpdate(sealed, page + " 1\n0000000000 00001 f \n");

        VerificationReport report = verify("xref-only update freeing the page", altered);

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.checks().integrity().detail()).contains("object " + page + " was freed");
    }

    @Test
    void anXrefOnlyUpdateThatRedirectsAnObjectToItsUnsealedVersionIsInvalid() {
        int page = Alterations.pageObjectNumber(sealed);
        int unsealedPage = Alterations.firstOffsetOf(sealed, page);
        byte[] altered = Alterations.xrefOnlyUpdate(sealed,
                String.format("%d 1%n%010d 00000 n \n", page, unsealedPage).replace("\r", ""));

        VerificationReport report = verify("xref-only update redirecting the page to its unsealed version", altered);

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.checks().integrity().detail()).contains("object " + page + " was redirected");
    }

    @Test
    void trailingGarbageIsInvalid() {
        VerificationReport report = verify("trailing garbage", Alterations.trailingGarbage(sealed));

        assertInvalid(report, "TRAILING_BYTES");
    }

    @Test
    void aSignatureTimestampTakenFromAnotherSealedDocumentIsInvalid() throws Exception {
        byte[] other = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();

        VerificationReport report = verify("signature timestamp taken from another sealed document", Alterations.timestampSwapped(sealed, other));

        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.INVALID);
        assertThat(report.checks().timestamp().result()).isEqualTo(Result.FAILED);
        assertThat(report.checks().timestamp().code()).isEqualTo("TIMESTAMP_IMPRINT_MISMATCH");
        assertThat(report.etsi().subIndication()).isEqualTo("HASH_FAILURE");
    }

    private static void assertInvalid(VerificationReport report, String code) {
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.INVALID);
        assertThat(report.checks().integrity().result()).isEqualTo(Result.FAILED);
        assertThat(report.checks().integrity().code()).as(report.checks().integrity().toString()).isEqualTo(code);
        assertThat(report.etsi().indication()).isEqualTo("TOTAL_FAILED");
    }
}
