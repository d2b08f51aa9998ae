package tongban.documents;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a certificate (电子证照) from its template: PDF/A-3b, one page, the certificate font embedded,
 * a QR code to its verification page, its data attached as {@code certificate.json} (AFRelationship
 * Data), and the seal rectangle the template reserves. Thread-safe; templates are read once, on creation.
 */
public class RenderCertificate {

    private final Map<String, CertificateTemplate> templates;
    private final CertificateFonts fonts;
    private final PdfAWriter writer;

    /**
     * Loads every template under {@code templatesDir} (each folder with a template.yaml), its fonts and
     * colour profile; a broken template fails here, not at the first rendering.
     */
    public RenderCertificate(Path templatesDir) {
        this.fonts = new CertificateFonts(templatesDir);
        this.writer = new PdfAWriter(templatesDir);
        Map<String, CertificateTemplate> found = new TreeMap<>();
        for (Path folder : PageTemplate.folders(templatesDir, TemplateSpec.FILE)) {
            CertificateTemplate template = CertificateTemplate.load(folder, fonts);
            found.put(template.type(), template);
        }
        this.templates = Collections.unmodifiableMap(found);
    }

    /** The certificate type of a template, as its template.yaml declares it. */
    public Optional<CertificateType> type(String type) {
        return Optional.ofNullable(templates.get(type)).map(t -> new CertificateType(t.type(), t.spec()));
    }

    /** The certificate types there is a template for. */
    public Set<String> types() {
        return templates.keySet();
    }

    /**
     * Renders one certificate, entirely in memory: on any fault nothing is returned.
     *
     * @throws InvalidCertificateData when the data does not meet the template's requirements
     * @throws InvalidTemplate        when the template itself is at fault (e.g. the data overflows its page)
     */
    public CertificateDocument render(CertificateData data) {
        CertificateTemplate template = data.type() == null ? null : templates.get(data.type());
        if (template == null) {
            throw new InvalidCertificateData("type", "no template for '" + data.type() + "'; there are " + types());
        }
        CertificateContent content = CertificateContent.of(data, template.spec(), fonts);
        TemplateElements elements = new TemplateElements(content.qrCode());
        PdfAWriter.Result pdf = writer.write(template.html(content.model()), template.folder(),
                template.spec().title(), new PdfAWriter.Data("certificate.json", "Certificate data (证照数据)", content.json()),
                fonts.provider(), elements);
        if (pdf.pages() != 1) {
            throw new InvalidTemplate(template.type() + ": the data fills " + pdf.pages() + " pages, the certificate"
                    + " must fit on one; make room in template.html or lower the limits in template.yaml");
        }
        return new CertificateDocument(pdf.pdf(), elements.seal(template.type()));
    }
}
