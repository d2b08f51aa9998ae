package tongban.verification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The verification pages' own font (页面字体): a subset of the certificates' Noto Sans SC (SIL Open Font License 1.1,
 * {@code templates/fonts/OFL.txt}) cut to the characters the pages can show ({@link VerificationPages#characters}),
 * so that a phone or PC without Chinese fonts shows characters, not empty boxes. Cut when first asked for and again
 * only when the characters change (a rule pack reload can bring new names); a few tens of kilobytes.
 */
@Component
class PageFont {

    static final String PATH = "/verify/verify-font.ttf";
    static final String LICENCE_PATH = "/verify/font-licence.txt";
    static final String FAMILY = "Tongban Noto Sans SC";
    // the regular weight of templates/fonts (see its README): the pages' bold is the browser's
    private static final String SOURCE = "fonts/NotoSansSC-Regular-subset.ttf";
    private static final String LICENCE = "fonts/OFL.txt";
    // the tables a browser needs to draw; the subsetter would copy the others (GSUB, GPOS, vmtx…) unsubset and
    // inconsistent with the new glyph ids, which the browsers' sanitiser (OTS) rejects. name keeps the copyright
    // and licence notices
    private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "cmap", "glyf", "hmtx", "name",
            "OS/2", "post");

    /** One cut: the characters it covers, the TrueType file, and its ETag. */
    record Cut(SortedSet<Integer> characters, byte[] ttf, String etag) {
    }

    private final VerificationPages pages;
    private final byte[] source;
    private final byte[] licence;
    private final AtomicReference<Cut> current = new AtomicReference<>();

    PageFont(VerificationPages pages, @Value("${tongban.templates.dir:templates}") Path templates) {
        this.pages = pages;
        try {
            this.source = Files.readAllBytes(templates.resolve(SOURCE));
            this.licence = Files.readAllBytes(templates.resolve(LICENCE));
        } catch (IOException e) {
            throw new UncheckedIOException("the verification page's font: " + e.getMessage(), e);
        }
    }

    /** The font for the pages as they are now. */
    Cut cut() {
        SortedSet<Integer> characters = pages.characters();
        Cut cut = current.get();
        if (cut == null || !cut.characters().equals(characters)) {
            cut = subset(characters);
            current.set(cut);
        }
        return cut;
    }

    /** The OFL text, which travels with the font. */
    byte[] licence() {
        return licence.clone();
    }

    private Cut subset(SortedSet<Integer> characters) {
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(source))) {
            TTFSubsetter subsetter = new TTFSubsetter(font, TABLES);
            subsetter.addAll(characters);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            byte[] ttf = out.toByteArray();
            String etag = '"' + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ttf), 0, 12) + '"';
            return new Cut(characters, ttf, etag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the verification page's font: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
