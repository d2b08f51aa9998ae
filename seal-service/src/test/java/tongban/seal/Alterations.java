package tongban.seal;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds altered copies of sealed PDFs, the way an attacker would. */
final class Alterations {

    private Alterations() {
    }

    /** An incremental update (iText append mode) that draws a white box over page 1, hiding what is there. */
    static byte[] pageContentAppended(byte[] pdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)),
                new PdfWriter(out), new StampingProperties().useAppendMode())) {
            new PdfCanvas(document.getPage(1)).saveState().setFillColorRgb(1, 1, 1)
                    .rectangle(30, 700, 300, 80).fill().restoreState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same bytes with one byte inside the first signed range changed (in the document title). */
    static byte[] oneByteChanged(byte[] pdf) {
        byte[] copy = pdf.clone();
        int at = indexOf(copy, "/Title", 0) + 8;
        copy[at] = (byte) (copy[at] ^ 0x01);
        return copy;
    }

    /** The first /ByteRange rewritten (same length) so it stops 64 bytes short of what was signed. */
    static byte[] byteRangeRewritten(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("/ByteRange\\s*\\[\\s*0 (\\d+) (\\d+) (\\d+)\\s*]").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no ByteRange");
        }
        String original = m.group();
        long last = Long.parseLong(m.group(3)) - 64;
        String replacement = "/ByteRange [0 " + m.group(1) + " " + m.group(2) + " " + last + "]";
        replacement = replacement + " ".repeat(original.length() - replacement.length());
        byte[] copy = pdf.clone();
        System.arraycopy(replacement.getBytes(StandardCharsets.ISO_8859_1), 0, copy, m.start(), original.length());
        return copy;
    }

    /**
     * {@code target} with the signature timestamp of {@code donor}'s seal moved into its CMS: the timestamp is an
     * unsigned attribute inside /Contents, which no ByteRange covers, so only the imprint check can notice.
     */
    static byte[] timestampSwapped(byte[] target, byte[] donor) throws Exception {
        int[] gap = firstGap(target);
        CMSSignedData cms = new CMSSignedData(der(target, gap));
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        SignerInformation donorSigner = new CMSSignedData(der(donor, firstGap(donor))).getSignerInfos().getSigners()
                .iterator().next();
        SignerInformation swapped = SignerInformation.replaceUnsignedAttributes(signer,
                donorSigner.getUnsignedAttributes());
        byte[] encoded = CMSSignedData.replaceSigners(cms, new SignerInformationStore(swapped)).getEncoded();
        String hex = HexFormat.of().formatHex(encoded);
        int capacity = gap[1] - gap[0] - 2;
        if (hex.length() > capacity) {
            throw new IllegalStateException("the swapped CMS does not fit the gap");
        }
        byte[] copy = target.clone();
        byte[] padded = (hex + "0".repeat(capacity - hex.length())).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(padded, 0, copy, gap[0] + 1, capacity);
        return copy;
    }

    private static int[] firstGap(byte[] pdf) {
        Matcher m = Pattern.compile("/ByteRange\\s*\\[\\s*0 (\\d+) (\\d+)")
                .matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            throw new IllegalStateException("no ByteRange");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static byte[] der(byte[] pdf, int[] gap) throws java.io.IOException {
        byte[] contents = HexFormat.of().parseHex(new String(pdf, gap[0] + 1, gap[1] - gap[0] - 2,
                StandardCharsets.US_ASCII));
        return new org.bouncycastle.asn1.ASN1InputStream(contents).readObject().getEncoded();
    }

    /** Bytes appended after the last %%EOF. */
    static byte[] trailingGarbage(byte[] pdf) {
        byte[] garbage = "\n<< /Injected (content the signature never saw) >>\n".getBytes(StandardCharsets.US_ASCII);
        byte[] copy = new byte[pdf.length + garbage.length];
        System.arraycopy(pdf, 0, copy, 0, pdf.length);
        System.arraycopy(garbage, 0, copy, pdf.length, garbage.length);
        return copy;
    }

    /**
     * An update with only an xref section and a trailer. {@code entries} is the xref body, e.g.
     * {@code "5 1\n0000000000 00001 f \n"}.
     */
    static byte[] xrefOnlyUpdate(byte[] pdf, String entries) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int startxref = text.lastIndexOf("startxref");
        long previous = Long.parseLong(text.substring(startxref + 9, text.indexOf("%%EOF", startxref)).trim());
        int trailer = text.lastIndexOf("trailer");
        Matcher root = Pattern.compile("/Root (\\d+ \\d+ R)").matcher(text.substring(trailer));
        Matcher size = Pattern.compile("/Size (\\d+)").matcher(text.substring(trailer));
        if (!root.find() || !size.find()) {
            throw new IllegalStateException("no classic trailer");
        }
        String update = "xref\n0 1\n0000000000 65535 f \n" + entries
                + "trailer\n<</Root " + root.group(1) + "/Size " + size.group(1) + "/Prev " + previous + ">>\n"
                + "startxref\n" + pdf.length + "\n%%EOF\n";
        byte[] tail = update.getBytes(StandardCharsets.ISO_8859_1);
        byte[] copy = new byte[pdf.length + tail.length];
        System.arraycopy(pdf, 0, copy, 0, pdf.length);
        System.arraycopy(tail, 0, copy, pdf.length, tail.length);
        return copy;
    }

    /** Offset of the first {@code "n 0 obj"} of object {@code number}. */
    static int firstOffsetOf(byte[] pdf, int number) {
        return indexOf(pdf, "\n" + number + " 0 obj", 0) + 1;
    }

    /** Number of the object that holds page 1, read from the signed revision's text. */
    static int pageObjectNumber(byte[] pdf) {
        Matcher m = Pattern.compile("\n(\\d+) 0 obj\n<<(?:(?!endobj).){0,600}?/Type\\s*/Page[^s]", Pattern.DOTALL)
                .matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            throw new IllegalStateException("no page object");
        }
        return Integer.parseInt(m.group(1));
    }

    static int indexOf(byte[] bytes, String text, int from) {
        int i = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text, from);
        if (i < 0) {
            throw new IllegalStateException("not found: " + text);
        }
        return i;
    }
}
