package tongban.documents;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One certificate type's folder under templates/: {@code template.yaml} (what the data must be),
 * {@code template.html} (a Mustache template: {@code {{name}}} prints a value HTML-escaped) and its CSS.
 */
final class CertificateTemplate {

    static final String HTML = "template.html";

    // Every value is escaped, sections treat "" as absent, and partials are refused (no loader).
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true);

    private final String type;
    private final Path folder;
    private final TemplateSpec spec;
    private final Template html;

    private CertificateTemplate(String type, Path folder, TemplateSpec spec, Template html) {
        this.type = type;
        this.folder = folder;
        this.spec = spec;
        this.html = html;
    }

    static CertificateTemplate load(Path folder, CertificateFonts fonts) {
        Path file = folder.resolve(HTML);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidTemplate(file + ": cannot be read: " + e.getMessage(), e);
        }
        // {{{x}}} and {{&x}} print unescaped: no certificate value may ever reach the page as markup
        if (text.contains("{{{") || text.contains("{{&")) {
            throw new InvalidTemplate(file + ": {{{...}}} and {{&...}} print values unescaped; use {{...}}");
        }
        for (String id : new String[] {TemplateElements.SEAL_ID, TemplateElements.QR_ID}) {
            if (!text.contains("id=\"" + id + "\"")) {
                throw new InvalidTemplate(file + ": needs a <div id=\"" + id + "\"> (templates/README.md)");
            }
        }
        // the template's own words must be printable too: a missing glyph would silently leave a blank
        String words = text.replaceAll("(?s)<!--.*?-->|<[^>]*>|\\{\\{.*?}}|&[#a-zA-Z0-9]+;|\\s", "");
        int missing = fonts.firstMissing(words);
        if (missing >= 0) {
            throw new InvalidTemplate(String.format("%s: the character %s (U+%04X) is not in the certificate font"
                    + " (templates/fonts/README.md)", file, Character.toString(missing), missing));
        }
        try {
            return new CertificateTemplate(folder.getFileName().toString(), folder, TemplateSpec.read(folder),
                    COMPILER.compile(text));
        } catch (MustacheException e) {
            throw new InvalidTemplate(file + ": " + e.getMessage(), e);
        }
    }

    String type() {
        return type;
    }

    Path folder() {
        return folder;
    }

    TemplateSpec spec() {
        return spec;
    }

    String html(Map<String, Object> model) {
        try {
            return html.execute(model);
        } catch (MustacheException e) {
            throw new InvalidTemplate(folder.resolve(HTML) + ": " + e.getMessage(), e);
        }
    }
}
