package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Verdict;

/** Bad input gets a report (INVALID or INDETERMINATE) or a typed exception, quickly, never a crash. */
class MalformedInputTests {

    @TempDir
    static Path data;
    static SealService service;
    static byte[] sealed;

    @BeforeAll
    static void start() {
        service = TestDocuments.embeddedService(data, event -> { });
        sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null)).pdf();
    }

    @AfterAll
    static void close() {
        service.close();
    }

    @Test
    void bytesWithoutAPdfHeaderAreNotAPdf() {
        assertThatThrownBy(() -> service.verify("hello".getBytes())).isInstanceOf(NotAPdfException.class)
                .extracting(e -> ((NotAPdfException) e).code()).isEqualTo("NOT_A_PDF");
        assertThatThrownBy(() -> service.verify(new byte[0])).isInstanceOf(NotAPdfException.class);
    }

    @Test
    void aHeaderAloneIsAnInvalidMalformedPdf() {
        assertRejected("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "MALFORMED_PDF");
    }

    @Test
    void aTruncatedSealedPdfIsInvalid() {
        VerificationReport report = verify(Arrays.copyOf(sealed, sealed.length / 2));
        assertThat(report.verdict()).isNotEqualTo(Verdict.VALID);
        assertThat(report.checks().integrity().result()).isEqualTo(VerificationReport.Result.FAILED);
    }

    @Test
    void randomBytesAfterAPdfHeaderAreInvalid() {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, noise, 0, 9);
        assertRejected(noise, "MALFORMED_PDF");
    }

    @Test
    void aByteRangeFarBeyondTheFileIsInvalid() {
        String text = new String(sealed, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/ByteRange");
        int end = text.indexOf(']', at);
        String huge = "/ByteRange[0 1 9999999 9999999";
        String padded = huge + " ".repeat(end - at - huge.length());
        byte[] altered = sealed.clone();
        System.arraycopy(padded.getBytes(StandardCharsets.ISO_8859_1), 0, altered, at, padded.length());
        assertRejected(altered, "BYTE_RANGE_INVALID");
    }

    @Test
    void deeplyNestedArraysAreRefusedQuickly() {
        String nested = "[".repeat(200_000) + "]".repeat(200_000);
        assertRejected(pdf("<< /Type /Catalog /Pages 2 0 R /Deep " + nested + " >>", ""), "MALFORMED_PDF");
    }

    @Test
    void anXrefChainThatPointsToItselfIsRefused() {
        assertRejected(pdf("<< /Type /Catalog /Pages 2 0 R >>", "/Prev SELF"), "MALFORMED_PDF");
    }

    @Test
    void aCompressionBombInAnXrefStreamIsRefused() {
        byte[] zeros = new byte[64 * 1024 * 1024];
        Deflater deflater = new Deflater(9);
        deflater.setInput(zeros);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        byte[] bomb = compressed.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        int xref = out.size();
        out.writeBytes(("1 0 obj\n<< /Type /XRef /Size 2 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length "
                + bomb.length + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bomb);
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        assertRejected(out.toByteArray(), "MALFORMED_PDF");
    }

    @Test
    void anUnsignedPdfHasNoSignature() {
        assertRejected(TestDocuments.certificate(), "NO_SIGNATURE");
    }

    private static void assertRejected(byte[] pdf, String code) {
        VerificationReport report = verify(pdf);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.INVALID);
        assertThat(report.checks().integrity().code()).as(report.checks().integrity().toString()).isEqualTo(code);
    }

    private static VerificationReport verify(byte[] pdf) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> service.verify(pdf));
    }

    /** A one-object PDF with a classic xref; "SELF" in {@code trailerExtra} becomes the xref's own offset. */
    private static byte[] pdf(String catalog, String trailerExtra) {
        String head = "%PDF-1.7\n";
        String object = "1 0 obj\n" + catalog + "\nendobj\n";
        int xref = head.length() + object.length();
        String tail = "xref\n0 2\n0000000000 65535 f \n" + String.format("%010d", head.length()) + " 00000 n \n"
                + "trailer\n<< /Size 2 /Root 1 0 R " + trailerExtra.replace("SELF", String.valueOf(xref))
                + " >>\nstartxref\n" + xref + "\n%%EOF\n";
        return (head + object + tail).getBytes(StandardCharsets.ISO_8859_1);
    }
}
