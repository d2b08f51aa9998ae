package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.materials.Inspections.assertAccepted;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Genuine files of an accepted type pass, with their real type, size and SHA-256. */
class AcceptedFilesTests {

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
    void aRealJpegIsAcceptedAsImageJpegWithItsSizeAndSha256() throws Exception {
        byte[] jpeg = Uploads.jpeg();

        InspectedMaterial result = inspector.inspect(file("photo.jpg", "image/jpeg", jpeg), IMAGES_OR_PDF);

        assertAccepted(result, "image/jpeg");
        assertThat(result.material()).isEqualTo(Uploads.MATERIAL);
        assertThat(result.filename()).isEqualTo("photo.jpg");
        assertThat(result.declaredType()).isEqualTo("image/jpeg");
        assertThat(result.size()).isEqualTo(jpeg.length);
        assertThat(result.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
    }

    @Test
    void aRealPngIsAcceptedAsImagePng() {
        assertAccepted(inspector.inspect(file("scan.png", "image/png", Uploads.png()), IMAGES_OR_PDF), "image/png");
    }

    @Test
    void aRealPdfIsAcceptedAsApplicationPdf() {
        assertAccepted(inspector.inspect(file("licence.pdf", "application/pdf", Uploads.pdf("营业执照 business licence")),
                IMAGES_OR_PDF), "application/pdf");
    }

    @Test
    void aFileWithNeitherNameNorDeclaredTypeIsJudgedByItsBytes() {
        assertAccepted(inspector.inspect(file(null, null, Uploads.jpeg()), IMAGES_OR_PDF), "image/jpeg");
    }

    @Test
    void aGenericDeclaredTypeClaimsNothing() {
        assertAccepted(inspector.inspect(file("scan.pdf", "application/octet-stream", Uploads.pdf("scan")),
                IMAGES_OR_PDF), "application/pdf");
    }

    @Test
    void aWholeLocalPathAnUpperCaseExtensionAndTypeParametersStillAgree() {
        assertAccepted(inspector.inspect(file("C:\\Users\\zhang\\Pictures\\PHOTO.JPG", "Image/JPEG; charset=binary",
                Uploads.jpeg()), IMAGES_OR_PDF), "image/jpeg");
    }

    @Test
    void textBeyondTheCapIsNotARejection() {
        try (MaterialsInspector capped = new MaterialsInspector(Inspections.limits(10 << 20, Duration.ofSeconds(5),
                1_000, 100, 10))) {
            assertAccepted(capped.inspect(file("long.pdf", "application/pdf",
                    Uploads.pdf("a long statement of facts ".repeat(2_000))), IMAGES_OR_PDF), "application/pdf");
        }
    }
}
