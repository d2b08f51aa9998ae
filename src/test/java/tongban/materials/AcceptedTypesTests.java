package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.RejectionCode.TYPE_NOT_ACCEPTED;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.PDF_ONLY;
import static tongban.materials.Uploads.file;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tongban.rules.MaterialSpec;
import tongban.rules.vocabulary.Text;

/** The material's accepted types (item.yaml {@code accepts}) decide on the real type. */
class AcceptedTypesTests {

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
    void aGenuineJpegWhereOnlyPdfIsAcceptedIsNotAccepted() {
        InspectedMaterial result = assertRejected(inspector.inspect(file("rules.jpg", "image/jpeg", Uploads.jpeg()),
                PDF_ONLY), TYPE_NOT_ACCEPTED);

        assertThat(result.detectedType()).isEqualTo("image/jpeg");
        assertThat(result.detail()).contains("application/pdf");
    }

    @Test
    void randomBytesThatClaimNothingAreNotAccepted() {
        assertRejected(inspector.inspect(file("data.bin", "application/octet-stream", Uploads.randomBytes(4096)),
                IMAGES_OR_PDF), TYPE_NOT_ACCEPTED);
    }

    @Test
    void aHarmlessZipIsNotAccepted() {
        assertRejected(inspector.inspect(file("scans.zip", "application/zip", Uploads.nestedZips(2)), IMAGES_OR_PDF),
                TYPE_NOT_ACCEPTED);
    }

    @Test
    void aMaterialThatTakesNoUploadAcceptsNothing() {
        MaterialSpec formOnly = new MaterialSpec(Uploads.MATERIAL, new Text("申请书", "application form"), List.of(),
                Set.of(MaterialSpec.Means.FORM));

        assertRejected(inspector.inspect(file("form.pdf", "application/pdf", Uploads.pdf("form")), formOnly),
                TYPE_NOT_ACCEPTED);
    }

    @Test
    void aWildcardAcceptsEveryImageType() {
        Inspections.assertAccepted(inspector.inspect(file("scan.png", "image/png", Uploads.png()),
                Uploads.spec(Uploads.MATERIAL, "image/*")), "image/png");
    }
}
