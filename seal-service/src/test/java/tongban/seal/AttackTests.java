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

    @BeforeAll
    static void sealACertificate() {
        service = TestDocuments.embeddedService(data, event -> { });
        sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
        assertThat(service.verify(sealed).verdict()).isEqualTo(Verdict.VALID);
    }

    @AfterAll
    static void close() {
        service.close();
    }

    @Test
    void pageContentAppendedAsAnIncrementalUpdateIsInvalid() {
        VerificationReport report = service.verify(Alterations.pageContentAppended(sealed));

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.signatures().get(0).changesAfter())
                .anyMatch(c -> c.startsWith("DISALLOWED") && c.contains("page object"));
    }

    @Test
    void oneByteChangedInsideTheSignedRangeIsInvalid() {
        VerificationReport report = service.verify(Alterations.oneByteChanged(sealed));

        assertInvalid(report, "DIGEST_MISMATCH");
        assertThat(report.etsi().subIndication()).isEqualTo("HASH_FAILURE");
    }

    @Test
    void aRewrittenByteRangeIsInvalid() {
        VerificationReport report = service.verify(Alterations.byteRangeRewritten(sealed));

        assertInvalid(report, "BYTE_RANGE_INVALID");
    }

    @Test
    void aSecondUntrustedSignatureIsInvalid() throws Exception {
        VerificationReport report = service.verify(Strangers.secondSignature(sealed));

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

        VerificationReport report = service.verify(altered);

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.checks().integrity().detail()).contains("object " + page + " was freed");
    }

    @Test
    void anXrefOnlyUpdateThatRedirectsAnObjectToItsUnsealedVersionIsInvalid() {
        int page = Alterations.pageObjectNumber(sealed);
        int unsealedPage = Alterations.firstOffsetOf(sealed, page);
        byte[] altered = Alterations.xrefOnlyUpdate(sealed,
                String.format("%d 1%n%010d 00000 n \n", page, unsealedPage).replace("\r", ""));

        VerificationReport report = service.verify(altered);

        assertInvalid(report, "DISALLOWED_CHANGES_AFTER_SIGNATURE");
        assertThat(report.checks().integrity().detail()).contains("object " + page + " was redirected");
    }

    @Test
    void trailingGarbageIsInvalid() {
        VerificationReport report = service.verify(Alterations.trailingGarbage(sealed));

        assertInvalid(report, "TRAILING_BYTES");
    }

    @Test
    void aSignatureTimestampTakenFromAnotherSealedDocumentIsInvalid() throws Exception {
        byte[] other = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();

        VerificationReport report = service.verify(Alterations.timestampSwapped(sealed, other));

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
