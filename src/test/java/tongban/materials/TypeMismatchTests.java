package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.RejectionCode.TYPE_MISMATCH;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A declared Content-Type or a file name extension that disagrees with the bytes is refused, not trusted. */
class TypeMismatchTests {

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
    void aPngDeclaredAsJpegDisagreesWithItsBytesAndItsExtension() {
        InspectedMaterial result = assertRejected(inspector.inspect(file("scan.png", "image/jpeg", Uploads.png()),
                IMAGES_OR_PDF), TYPE_MISMATCH);

        assertThat(result.detectedType()).isEqualTo("image/png");
        assertThat(result.detail()).contains("image/png", "image/jpeg");
    }

    @Test
    void aJpegNamedAsAPngIsAMismatchEvenWhenBothAreAccepted() {
        InspectedMaterial result = assertRejected(inspector.inspect(file("photo.png", null, Uploads.jpeg()),
                IMAGES_OR_PDF), TYPE_MISMATCH);

        assertThat(result.detail()).contains("name");
    }

    @Test
    void aPdfNamedAsAPhotoIsAMismatch() {
        assertRejected(inspector.inspect(file("photo.jpg", "application/pdf", Uploads.pdf("not a photo")),
                IMAGES_OR_PDF), TYPE_MISMATCH);
    }

    @Test
    void randomBytesSentAsAPdfAreAMismatch() {
        InspectedMaterial result = assertRejected(inspector.inspect(file("scan.pdf", "application/pdf",
                Uploads.randomBytes(64 * 1024)), IMAGES_OR_PDF), TYPE_MISMATCH);

        assertThat(result.detectedType()).isEqualTo("application/octet-stream");
    }
}
