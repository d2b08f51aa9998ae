package tongban.documents;

import com.itextpdf.html2pdf.resolver.font.DefaultFontProvider;
import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import com.itextpdf.layout.font.FontProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tongban.rules.PrintableCharacters;

/**
 * The certificate font (Noto Sans SC, a GB 2312 subset, see templates/fonts/README.md), the only font a
 * certificate may use: PDF/A needs every font embedded, and the fonts iText ships for CJK never are. It is also
 * the one answer to which characters a document can print ({@link #printableIn}), which the rules ask of every
 * text an applicant sends.
 */
public final class CertificateFonts {

    static final String REGULAR = "fonts/NotoSansSC-Regular-subset.ttf";
    static final String BOLD = "fonts/NotoSansSC-Bold-subset.ttf";

    private final List<FontProgram> programs;

    CertificateFonts(Path templates) {
        this.programs = List.of(load(templates.resolve(REGULAR)), load(templates.resolve(BOLD)));
    }

    private static FontProgram load(Path file) {
        try {
            // cached: iText shares one parsed program between documents and threads
            return FontProgramFactory.createFont(Files.readAllBytes(file), true);
        } catch (IOException e) {
            throw new InvalidTemplate(file + ": cannot load the certificate font: " + e.getMessage(), e);
        }
    }

    /** The characters the font of the templates under {@code templates} can print. */
    public static PrintableCharacters printableIn(Path templates) {
        return new CertificateFonts(templates)::canDraw;
    }

    /** A provider for one rendering: it caches the document's subsets, so it is never shared. */
    FontProvider provider() {
        FontProvider provider = new DefaultFontProvider(false, false, false);
        programs.forEach(provider::addFont);
        return provider;
    }

    /** The first character of {@code text} the font has no glyph for, or -1 when it can show them all. */
    int firstMissing(String text) {
        return text.codePoints().filter(c -> !canDraw(c)).findFirst().orElse(-1);
    }

    private boolean canDraw(int codePoint) {
        // both weights are cut from the same character list, so the regular one answers for both
        return programs.get(0).getGlyph(codePoint) != null;
    }
}
