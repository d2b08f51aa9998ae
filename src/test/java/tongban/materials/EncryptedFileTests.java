package tongban.materials;

import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.RejectionCode.ENCRYPTED;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Encrypted files cannot be inspected, nor read by the officer or archived: they are refused. */
class EncryptedFileTests {

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
    void aPdfThatNeedsAPasswordToOpenIsRefused() {
        assertRejected(inspector.inspect(file("statement.pdf", "application/pdf", Uploads.encryptedPdf()),
                IMAGES_OR_PDF), ENCRYPTED);
    }

    @Test
    void aPdfEncryptedOnlyToRestrictItsReadersIsRefused() {
        assertRejected(inspector.inspect(file("statement.pdf", "application/pdf", Uploads.restrictedPdf()),
                IMAGES_OR_PDF), ENCRYPTED);
    }

    @Test
    void aZipWithPasswordProtectedEntriesIsRefused() {
        assertRejected(inspector.inspect(file("statements.zip", "application/zip", Uploads.encryptedZip()),
                IMAGES_OR_PDF), ENCRYPTED);
    }

    @Test
    void aPasswordProtectedPdfInsideAZipIsRefused() {
        assertRejected(inspector.inspect(file("statements.zip", "application/zip",
                Uploads.zip("statement.pdf", Uploads.encryptedPdf())), IMAGES_OR_PDF), ENCRYPTED);
    }
}
