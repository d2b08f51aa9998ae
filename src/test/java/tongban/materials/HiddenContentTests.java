package tongban.materials;

import static tongban.materials.Inspections.assertAccepted;
import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.action.PdfAction;
import com.itextpdf.kernel.pdf.annot.PdfLinkAnnotation;
import com.itextpdf.kernel.pdf.filespec.PdfFileSpec;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What readers never show: an archive appended to a PDF or an image (the programs in it named as such), bytes after
 * a PDF's last end-of-file marker, and PDF JavaScript or Launch actions, wherever the PDF puts them. Attached files
 * are inspected like archive entries and may stay. Before, a PDF followed by a zip with run.sh and an ELF, and PDFs
 * with OpenAction JavaScript or Launch, were accepted.
 */
class HiddenContentTests {

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
    void aPdfFollowedByAZipHoldingAScriptAndAnElfIsRefusedAsAProgram() {
        InspectedMaterial result = assertRejected(inspect("lease.pdf", "application/pdf",
                concat(Uploads.pdf("租赁合同"), payload())), RejectionCode.EXECUTABLE_NOT_ALLOWED);
        Assertions.assertThat(result.detail()).contains("run.sh");
    }

    @Test
    void aJpegFollowedByAZipHoldingAnElfIsRefusedAsAProgram() {
        assertRejected(inspect("photo.jpg", "image/jpeg", concat(Uploads.jpeg(), Uploads.zip("tool", Uploads.elf()))),
                RejectionCode.EXECUTABLE_NOT_ALLOWED);
    }

    @Test
    void aPdfFollowedByAHarmlessZipIsRefusedAsTrailingData() {
        assertRejected(inspect("lease.pdf", "application/pdf", concat(Uploads.pdf("lease"),
                Uploads.zip("notes.txt", "nothing to see".getBytes(StandardCharsets.US_ASCII)))), RejectionCode.TRAILING_DATA);
    }

    @Test
    void bytesAfterAPdfsLastEndOfFileMarkerAreRefusedButWhiteSpaceIsNot() {
        assertRejected(inspect("lease.pdf", "application/pdf", concat(Uploads.pdf("lease"),
                "\nsomething else".getBytes(StandardCharsets.US_ASCII))), RejectionCode.TRAILING_DATA);
        assertAccepted(inspect("lease.pdf", "application/pdf", concat(Uploads.pdf("lease"), new byte[] {'\r', '\n', 0, ' '})),
                "application/pdf");
    }

    @Test
    void aPdfThatRunsJavaScriptWhenOpenedIsRefused() {
        assertRejected(inspect("form.pdf", "application/pdf", pdf(pdf -> pdf.getCatalog()
                .setOpenAction(PdfAction.createJavaScript("app.alert('hello');")))), RejectionCode.ACTIVE_CONTENT);
    }

    @Test
    void aPdfWithDocumentLevelJavaScriptIsRefused() {
        assertRejected(inspect("form.pdf", "application/pdf", pdf(pdf -> {
            PdfArray names = new PdfArray();
            names.add(new PdfString("init"));
            names.add(PdfAction.createJavaScript("this.print();").getPdfObject().makeIndirect(pdf));
            PdfDictionary tree = new PdfDictionary();
            tree.put(PdfName.Names, names);
            PdfDictionary catalogNames = new PdfDictionary();
            catalogNames.put(PdfName.JavaScript, tree);
            pdf.getCatalog().put(PdfName.Names, catalogNames);
        })), RejectionCode.ACTIVE_CONTENT);
    }

    @Test
    void aPdfWithALaunchActionOnALinkIsRefused() {
        assertRejected(inspect("form.pdf", "application/pdf", pdf(pdf -> pdf.getFirstPage().addAnnotation(
                new PdfLinkAnnotation(new Rectangle(50, 50, 100, 20)).setAction(PdfAction.createLaunch(
                        PdfFileSpec.createExternalFileSpec(pdf, "C:\\Windows\\System32\\calc.exe")))))),
                RejectionCode.ACTIVE_CONTENT);
    }

    @Test
    void aZipAttachedToAPdfHoldingAnElfIsRefused() {
        assertRejected(inspect("form.pdf", "application/pdf",
                Uploads.pdfWithAttachment("tools.zip", Uploads.zip("bin/tool", Uploads.elf()))),
                RejectionCode.EXECUTABLE_NOT_ALLOWED);
    }

    @Test
    void aPdfWithAHarmlessAttachmentIsAcceptedItsAttachmentInspected() {
        assertAccepted(inspect("invoice.pdf", "application/pdf", Uploads.pdfWithAttachment("invoice.xml",
                "<invoice><total>12.00</total></invoice>".getBytes(StandardCharsets.UTF_8))), "application/pdf");
    }

    private static InspectedMaterial inspect(String name, String type, byte[] bytes) {
        return inspector.inspect(file(name, type, bytes), IMAGES_OR_PDF);
    }

    /** A zip holding a shell script and an ELF executable, as found appended to a PDF. */
    static byte[] payload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("run.sh"));
            zip.write("#!/bin/sh\n./payload\n".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("payload"));
            zip.write(Uploads.elf());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] pdf(Consumer<PdfDocument> change) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out)); Document document = new Document(pdf)) {
            document.add(new Paragraph("a form"));
            change.accept(pdf);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
