package tongban.documents;

import com.itextpdf.commons.exceptions.ITextException;
import com.itextpdf.html2pdf.ConverterProperties;
import com.itextpdf.html2pdf.HtmlConverter;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfDate;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.kernel.pdf.filespec.PdfFileSpec;
import com.itextpdf.layout.font.FontProvider;
import com.itextpdf.pdfa.PdfADocument;
import com.itextpdf.styledxmlparser.resolver.resource.DefaultResourceRetriever;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a template's HTML into PDF/A-3b with iText pdfHTML: sRGB output intent, data as an associated file. */
final class PdfAWriter {

    static final String COLOR_PROFILE = "color/sRGB.icc";

    private final byte[] colorProfile;
    private final Path templates;

    PdfAWriter(Path templates) {
        this.templates = templates.toAbsolutePath().normalize();
        Path icc = templates.resolve(COLOR_PROFILE);
        try {
            this.colorProfile = Files.readAllBytes(icc);
        } catch (IOException e) {
            throw new InvalidTemplate(icc + ": cannot load the sRGB colour profile: " + e.getMessage(), e);
        }
    }

    /** The PDF and its page count. */
    record Result(byte[] pdf, int pages) {
    }

    /** The document's data as the JSON file associated with it, such as {@code certificate.json}. */
    record Data(String fileName, String description, byte[] json) {
    }

    Result write(String html, Path baseFolder, String title, Data data, FontProvider fonts,
                 TemplateElements elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        PdfADocument pdf = new PdfADocument(new PdfWriter(out, new WriterProperties().setFullCompressionMode(true)),
                PdfAConformance.PDF_A_3B, new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                        new ByteArrayInputStream(colorProfile)));
        pdf.getDocumentInfo().setTitle(title);
        pdf.getCatalog().setLang(new PdfString("zh-CN"));

        PdfDictionary parameters = new PdfDictionary();
        parameters.put(PdfName.ModDate, new PdfDate().getPdfObject());
        PdfFileSpec file = PdfFileSpec.createEmbeddedFileSpec(pdf, data.json(), data.description(), data.fileName(),
                new PdfName("application/json"), parameters, PdfName.Data);
        pdf.addAssociatedFile(data.description(), file);

        ConverterProperties properties = new ConverterProperties()
                .setBaseUri(baseFolder.toUri().toString())
                .setFontProvider(fonts)
                .setTagWorkerFactory(elements)
                .setResourceRetriever(new TemplateFilesOnly())
                .setCreateAcroForm(false);
        try {
            HtmlConverter.convertToPdf(html, pdf, properties);
        } catch (ITextException e) {
            // the data was checked before; what iText refuses (e.g. a PDF/A rule) is the template's fault
            throw new InvalidTemplate(baseFolder + ": cannot be rendered as PDF/A-3b: " + e.getMessage(), e);
        }
        byte[] written = out.toByteArray();
        return new Result(written, pageCount(written));
    }

    // Counted in the file as written: pdfHTML closes the document it fills, and the count of a document
    // at the moment it closes can miss a page laid out while closing.
    private static int pageCount(byte[] pdf) {
        try (PdfDocument written = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            return written.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A template may use its own files (images, CSS) and nothing from the network or elsewhere on disk.
    private final class TemplateFilesOnly extends DefaultResourceRetriever {
        @Override
        protected boolean urlFilter(URL url) {
            try {
                return "file".equals(url.getProtocol())
                        && Path.of(url.toURI()).toAbsolutePath().normalize().startsWith(templates);
            } catch (URISyntaxException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
