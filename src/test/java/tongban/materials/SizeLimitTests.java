package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.materials.Inspections.assertAccepted;
import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Empty files and files over the per-file limit are refused before anything reads them. */
class SizeLimitTests {

    @Test
    void anEmptyFileIsRefusedWithTheSha256OfNothing() {
        try (MaterialsInspector inspector = new MaterialsInspector(InspectionLimits.defaults())) {
            InspectedMaterial result = assertRejected(inspector.inspect(file("photo.jpg", "image/jpeg", new byte[0]),
                    IMAGES_OR_PDF), RejectionCode.EMPTY_FILE);

            assertThat(result.size()).isZero();
            assertThat(result.detectedType()).isNull();
            assertThat(result.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }
    }

    @Test
    void aFileOneByteOverTheDefaultTenMebibytesIsRefused() {
        byte[] pdf = Uploads.pdf("padded");
        byte[] tooLarge = Arrays.copyOf(pdf, 10 * 1024 * 1024 + 1);
        try (MaterialsInspector inspector = new MaterialsInspector(InspectionLimits.defaults())) {
            InspectedMaterial result = assertRejected(inspector.inspect(file("big.pdf", "application/pdf", tooLarge),
                    IMAGES_OR_PDF), RejectionCode.FILE_TOO_LARGE);

            assertThat(result.size()).isEqualTo(10 * 1024 * 1024 + 1);
            assertThat(result.detail()).contains("10485760");
        }
    }

    @Test
    void aFileOfExactlyTheConfiguredLimitIsInspected() {
        byte[] jpeg = Uploads.jpeg();
        try (MaterialsInspector exact = new MaterialsInspector(Inspections.limits(jpeg.length, Duration.ofSeconds(5),
                100_000, 100, 10))) {
            assertAccepted(exact.inspect(file("photo.jpg", "image/jpeg", jpeg), IMAGES_OR_PDF), "image/jpeg");
            assertRejected(exact.inspect(file("photo.jpg", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length + 1)),
                    IMAGES_OR_PDF), RejectionCode.FILE_TOO_LARGE);
        }
    }
}
