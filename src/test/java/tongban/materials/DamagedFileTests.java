package tongban.materials;

import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.RejectionCode.MALFORMED;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files of an accepted type that do not parse are refused as malformed. */
class DamagedFileTests {

    private static MaterialsInspector inspector;

    @BeforeAll
    static void start() {
        inspector = new MaterialsInspector(InspectionLimits.defaults());
    }

    @AfterAll
    static void stop() {
        inspector.close();
    }

    @Test
    void aPdfCutInHalfIsMalformed() {
        assertRejected(inspector.inspect(file("statement.pdf", "application/pdf", Uploads.truncatedPdf()),
                IMAGES_OR_PDF), MALFORMED);
    }

    @Test
    void aPdfMissingOnlyItsLastBytesIsMalformed() {
        byte[] pdf = Uploads.pdf("an upload that stopped early");
        // PDFBox would rebuild the lost cross-reference table and read this; the upload is still incomplete
        assertRejected(inspector.inspect(file("statement.pdf", "application/pdf", Arrays.copyOf(pdf, pdf.length - 40)),
                IMAGES_OR_PDF), MALFORMED);
    }

    @Test
    void aPdfCutInHalfWithAnEndMarkerAddedIsStillMalformed() {
        byte[] half = Uploads.truncatedPdf();
        byte[] marked = Arrays.copyOf(half, half.length + 7);
        System.arraycopy("\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), 0, marked, half.length, 7);

        assertRejected(inspector.inspect(file("statement.pdf", "application/pdf", marked), IMAGES_OR_PDF), MALFORMED);
    }

    @Test
    void aPdfHeaderFollowedByNoiseIsMalformed() {
        byte[] noise = Uploads.randomBytes(8192);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, noise, 0, header.length);
        byte[] end = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(end, 0, noise, noise.length - end.length, end.length);

        assertRejected(inspector.inspect(file("scan.pdf", "application/pdf", noise), IMAGES_OR_PDF), MALFORMED);
    }

    @Test
    void aTruncatedPngIsMalformed() {
        assertRejected(inspector.inspect(file("scan.png", "image/png", Arrays.copyOf(Uploads.png(), 40)),
                IMAGES_OR_PDF), MALFORMED);
    }

    @Test
    void aTruncatedJpegIsMalformed() {
        assertRejected(inspector.inspect(file("photo.jpg", "image/jpeg", Arrays.copyOf(Uploads.jpeg(), 300)),
                IMAGES_OR_PDF), MALFORMED);
    }
}
