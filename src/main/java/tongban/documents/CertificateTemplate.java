package tongban.documents;

import java.nio.file.Path;
import java.util.Map;

/**
 * One certificate type's folder under templates/: {@code template.yaml} (what the data must be) and its
 * page, {@code template.html} with its CSS.
 */
final class CertificateTemplate {

    private final String type;
    private final TemplateSpec spec;
    private final PageTemplate page;

    private CertificateTemplate(String type, TemplateSpec spec, PageTemplate page) {
        this.type = type;
        this.spec = spec;
        this.page = page;
    }

    static CertificateTemplate load(Path folder, CertificateFonts fonts) {
        PageTemplate page = PageTemplate.load(folder, fonts);
        return new CertificateTemplate(folder.getFileName().toString(), TemplateSpec.read(folder), page);
    }

    String type() {
        return type;
    }

    Path folder() {
        return page.folder();
    }

    TemplateSpec spec() {
        return spec;
    }

    String html(Map<String, Object> model) {
        return page.html(model);
    }
}
