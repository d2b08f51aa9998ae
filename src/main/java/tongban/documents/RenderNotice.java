package tongban.documents;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders the notice (告知文书) a decision makes, from the notice template of its kind: PDF/A-3b, the
 * certificate font embedded, a QR code to its verification page, its data (with the whole decision)
 * attached as {@code notice.json}, and the seal rectangle the template reserves on its last page. A notice
 * may run to several pages. Thread-safe; templates are read once, on creation.
 */
public class RenderNotice {

    private final Map<NoticeKind, Template> templates;
    private final CertificateFonts fonts;
    private final PdfAWriter writer;

    private record Template(String type, NoticeSpec spec, PageTemplate page) {
    }

    /**
     * Loads every notice template under {@code templatesDir} (each folder with a notice.yaml), one for each
     * {@link NoticeKind}; a broken or missing template fails here, not at the first rendering.
     */
    public RenderNotice(Path templatesDir) {
        this.fonts = new CertificateFonts(templatesDir);
        this.writer = new PdfAWriter(templatesDir);
        Map<NoticeKind, Template> found = new EnumMap<>(NoticeKind.class);
        for (Path folder : PageTemplate.folders(templatesDir, NoticeSpec.FILE)) {
            PageTemplate page = PageTemplate.load(folder, fonts);
            NoticeSpec spec = NoticeSpec.read(folder);
            String texts = String.join("", spec.titles().values()) + String.join("", spec.numberPrefixes().values());
            if (fonts.firstMissing(texts) >= 0) {
                throw new InvalidTemplate(folder.resolve(NoticeSpec.FILE) + ": the character "
                        + Character.toString(fonts.firstMissing(texts)) + " is not in the certificate font");
            }
            Template other = found.put(spec.kind(), new Template(folder.getFileName().toString(), spec, page));
            if (other != null) {
                throw new InvalidTemplate(folder + ": " + other.type() + " is the " + spec.kind()
                        + " notice already; one template per kind");
            }
        }
        for (NoticeKind kind : NoticeKind.values()) {
            if (!found.containsKey(kind)) {
                throw new InvalidTemplate(templatesDir + ": no notice template of kind " + kind
                        + " (a folder with a notice.yaml, templates/README.md)");
            }
        }
        this.templates = Collections.unmodifiableMap(found);
    }

    /** The template folder of each kind of notice, such as {@code notice-incomplete}. */
    public Map<NoticeKind, String> types() {
        Map<NoticeKind, String> types = new EnumMap<>(NoticeKind.class);
        templates.forEach((kind, template) -> types.put(kind, template.type()));
        return Collections.unmodifiableMap(types);
    }

    /**
     * Renders the notice of one decision, entirely in memory: on any fault nothing is returned.
     *
     * @throws InvalidNoticeData when the data cannot make a correct notice
     * @throws InvalidTemplate   when the template itself is at fault
     */
    public NoticeDocument render(NoticeData data) {
        if (data.decision() == null) {
            throw new InvalidNoticeData("decision", "is required");
        }
        NoticeKind kind = NoticeKind.of(data.decision().outcome());
        Template template = templates.get(kind);
        NoticeContent content = NoticeContent.of(data, template.spec(), fonts);
        TemplateElements elements = new TemplateElements(content.qrCode());
        PdfAWriter.Result pdf = writer.write(template.page().html(content.model()), template.page().folder(),
                content.title(), new PdfAWriter.Data("notice.json", "Notice data (文书数据)", content.json()),
                fonts.provider(), elements);
        return new NoticeDocument(kind, content.title(), pdf.pdf(), pdf.pages(), elements.seal(template.type()));
    }
}
