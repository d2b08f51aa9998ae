package tongban.verification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.CmapLookup;
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
 * only when the characters change (a rule pack reload can bring new names); a few tens of kilobytes. What an officer
 * typed (a revocation reason) may need more: a page showing it links a second, small cut of just those characters
 * ({@link #extra}), named by them in its URL, so any node can serve it.
 */
@Component
class PageFont {

    static final String PATH = "/verify/verify-font.ttf";
    static final String LICENCE_PATH = "/verify/font-licence.txt";
    static final String FAMILY = "Tongban Noto Sans SC";
    static final String EXTRA_CSS = "/verify/verify-extra.css";
    static final String EXTRA_PATH = "/verify/verify-extra.ttf";
    private static final int MAX_EXTRA = 100;
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
    private final Set<Integer> available = new HashSet<>();
    private final AtomicReference<Cut> current = new AtomicReference<>();

    PageFont(VerificationPages pages, @Value("${tongban.templates.dir:templates}") Path templates) {
        this.pages = pages;
        try {
            this.source = Files.readAllBytes(templates.resolve(SOURCE));
            this.licence = Files.readAllBytes(templates.resolve(LICENCE));
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(source))) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                for (int c = 0x20; c < 0x10000; c++) {
                    if (cmap.getGlyphId(c) != 0) {
                        available.add(c);
                    }
                }
            }
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

    /**
     * The characters of {@code typed} the page font lacks and Noto Sans SC has (at most 100), for a second cut; null
     * when the page font covers it all.
     */
    String extra(String typed) {
        String extra = missing(typed);
        return extra.isEmpty() ? null : extra;
    }

    /** The {@code @font-face} of a second cut, for the characters of {@code requested} as {@link #extra} picks them. */
    String extraCss(String requested) {
        String chars = missing(requested);
        if (chars.isEmpty()) {
            return "";
        }
        // unicode-range: the browser takes these characters from this face and asks for it only when a page shows one
        String ranges = chars.codePoints().mapToObj(c -> String.format("U+%04X", c)).collect(Collectors.joining(", "));
        return "@font-face {\n  font-family: \"" + FAMILY + "\";\n  src: url(\"" + EXTRA_PATH + "?c="
                + URLEncoder.encode(chars, StandardCharsets.UTF_8) + "\") format(\"truetype\");\n  font-weight: 400;\n"
                + "  font-display: swap;\n  unicode-range: " + ranges + ";\n}\n";
    }

    /** The second cut itself, of the characters of {@code requested} as {@link #extra} picks them; empty for none. */
    Optional<byte[]> extraFont(String requested) {
        String chars = missing(requested);
        if (chars.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(subset(chars.codePoints().boxed().collect(Collectors.toCollection(TreeSet::new))).ttf());
    }

    // the distinct characters the page font lacks and the source font has, at most MAX_EXTRA: all that a request may
    // make the server cut
    private String missing(String text) {
        if (text == null) {
            return "";
        }
        SortedSet<Integer> shown = cut().characters();
        return text.codePoints().filter(c -> !shown.contains(c) && available.contains(c)).distinct().limit(MAX_EXTRA)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
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
