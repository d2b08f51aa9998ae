package tongban.documents;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A template folder's page, {@code template.html}: a Mustache template ({@code {{name}}} prints a value
 * HTML-escaped) with its CSS, checked once on loading for what every document needs. {@code {{> name}}}
 * takes in {@code templates/partials/name.html}, so documents of one family share their header and footer.
 */
final class PageTemplate {

    static final String HTML = "template.html";
    static final String PARTIALS = "partials";
    private static final Pattern PARTIAL = Pattern.compile("\\{\\{>\\s*([^}]*?)\\s*}}");

    // Every value is escaped, sections treat "" as absent, and partials are refused (no loader).
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true);

    private final Path folder;
    private final Template html;

    private PageTemplate(Path folder, Template html) {
        this.folder = folder;
        this.html = html;
    }

    static PageTemplate load(Path folder, CertificateFonts fonts) {
        Path file = folder.resolve(HTML);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidTemplate(file + ": cannot be read: " + e.getMessage(), e);
        }
        text = withPartials(file, text);
        // {{{x}}} and {{&x}} print unescaped: no value may ever reach the page as markup
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
            return new PageTemplate(folder, COMPILER.compile(text));
        } catch (MustacheException e) {
            throw new InvalidTemplate(file + ": " + e.getMessage(), e);
        }
    }

    // Partials are put in before any check, so the checks see the page as it is rendered; one level deep.
    private static String withPartials(Path file, String text) {
        Matcher partial = PARTIAL.matcher(text);
        StringBuilder page = new StringBuilder();
        while (partial.find()) {
            String name = partial.group(1);
            if (!name.matches("[a-z][a-z0-9-]*")) {
                throw new InvalidTemplate(file + ": {{> " + name + "}}: a partial is named in lower case letters, digits"
                        + " and '-', after its file in templates/partials/");
            }
            Path shared = file.getParent().resolveSibling(PARTIALS).resolve(name + ".html");
            try {
                partial.appendReplacement(page, Matcher.quoteReplacement(Files.readString(shared, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new InvalidTemplate(file + ": {{> " + name + "}}: cannot read " + shared + ": " + e.getMessage(), e);
            }
        }
        partial.appendTail(page);
        return page.toString();
    }

    /** The template folders under {@code templates} that hold {@code specFile}, such as template.yaml. */
    static List<Path> folders(Path templates, String specFile) {
        try (Stream<Path> folders = Files.list(templates)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve(specFile))).sorted().toList();
        } catch (IOException e) {
            throw new InvalidTemplate(templates + ": cannot list templates: " + e.getMessage(), e);
        }
    }

    Path folder() {
        return folder;
    }

    String html(Map<String, Object> model) {
        try {
            return html.execute(model);
        } catch (MustacheException e) {
            throw new InvalidTemplate(folder.resolve(HTML) + ": " + e.getMessage(), e);
        }
    }
}
