package tongban.verification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import tongban.support.Fixtures;

/**
 * Hostile and broken uploads, made at test time: cut-off certificates, noise, other file types, encryption,
 * impossible byte ranges, deep nesting, endless cross-reference chains, streams that lie about their length and
 * compression bombs. Keyed by a name that says what each is.
 */
final class MalformedInputs {

    private MalformedInputs() {
    }

    static Map<String, byte[]> corpus(byte[] genuine) {
        Random random = new Random(20261127);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("the first tenth of a certificate", Arrays.copyOf(genuine, genuine.length / 10));
        corpus.put("half a certificate", Arrays.copyOf(genuine, genuine.length / 2));
        corpus.put("a certificate without its last 20 bytes", Arrays.copyOf(genuine, genuine.length - 20));
        corpus.put("a certificate with a kilobyte cut from its middle", cutMiddle(genuine, 1024));
        corpus.put("random bytes", noise(random, 300_000, ""));
        corpus.put("random bytes after a PDF header", noise(random, 300_000, "%PDF-1.7\n"));
        corpus.put("a PDF header alone", ascii("%PDF-1.7\n"));
        corpus.put("a JPEG photo", Fixtures.jpeg());
        corpus.put("a Windows program", Fixtures.windowsProgram());
        corpus.put("an HTML page", ascii("<!DOCTYPE html><html><body>certificate</body></html>"));
        corpus.put("a zip archive behind a PDF header", concat(ascii("%PDF-1.7\n"), Fixtures.zipBomb()));
        corpus.put("an encrypted PDF", Fixtures.encryptedPdf());
        corpus.put("a certificate whose ByteRange reaches far past its end", hugeByteRange(genuine));
        corpus.put("a signature dictionary with 64-bit ByteRange values", pdf(
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                "<< /FT /Sig /V << /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached"
                        + " /ByteRange [0 9223372036854775807 9223372036854775807 9223372036854775807]"
                        + " /Contents <3082> >> >>"));
        corpus.put("arrays nested 200,000 deep", pdf(
                "<< /Type /Catalog /Pages 2 0 R /Deep " + "[".repeat(200_000) + "]".repeat(200_000) + " >>",
                "<< /Type /Pages /Kids [] /Count 0 >>"));
        corpus.put("dictionaries nested 100,000 deep", pdf(
                "<< /Type /Catalog /Pages 2 0 R /D " + "<< /D ".repeat(100_000) + ">> ".repeat(100_001),
                "<< /Type /Pages /Kids [] /Count 0 >>"));
        corpus.put("an xref section whose /Prev is itself", xrefLoop(1));
        corpus.put("two xref sections whose /Prev point at each other", xrefLoop(2));
        corpus.put("an xref stream whose /Prev is itself", xrefStreamLoop());
        corpus.put("a startxref pointing past the end", ascii("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                + "startxref\n999999999999\n%%EOF\n"));
        corpus.put("an xref claiming two billion objects", pdfWithSize("2147483647"));
        corpus.put("a stream whose /Length is far beyond the file", pdf(
                "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 /Length 999999999999 >>\n"
                        + "stream\nabc\nendstream"));
        corpus.put("a stream whose /Length refers to itself", pdf(
                "<< /Type /Catalog /Pages 2 0 R >>", "<< /Length 2 0 R >>\nstream\nabc\nendstream"));
        corpus.put("a compression bomb in an xref stream", bombXrefStream());
        return corpus;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] noise(Random random, int size, String header) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        System.arraycopy(ascii(header), 0, bytes, 0, header.length());
        return bytes;
    }

    private static byte[] cutMiddle(byte[] pdf, int length) {
        int from = pdf.length / 2;
        return concat(Arrays.copyOf(pdf, from), Arrays.copyOfRange(pdf, from + length, pdf.length));
    }

    /** The first /ByteRange rewritten in place (same length) to end ten million bytes past the file. */
    private static byte[] hugeByteRange(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/ByteRange");
        int end = text.indexOf(']', at);
        String huge = "/ByteRange[0 1 99999999 99999999";
        byte[] copy = pdf.clone();
        byte[] padded = ascii(huge + " ".repeat(end - at - huge.length()));
        System.arraycopy(padded, 0, copy, at, padded.length);
        return copy;
    }

    /** A PDF of the given objects (1, 2, 3…) with a correct classic xref. */
    private static byte[] pdf(String... objects) {
        StringBuilder out = new StringBuilder("%PDF-1.7\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = out.length();
            out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = out.length();
        out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            out.append(String.format("%010d 00000 n \n", offset));
        }
        out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return ascii(out.toString());
    }

    private static byte[] pdfWithSize(String size) {
        String head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
        return ascii(head + "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size " + size
                + " /Root 1 0 R >>\nstartxref\n" + head.length() + "\n%%EOF\n");
    }

    /** {@code sections} classic xref sections whose /Prev chain closes on itself. */
    private static byte[] xrefLoop(int sections) {
        StringBuilder out = new StringBuilder("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
        int[] starts = new int[sections];
        // every section is the same length, so where each begins is known before it is written
        String template = "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R"
                + " /Prev %010d >>\n";
        int length = String.format(template, 0).length();
        for (int i = 0; i < sections; i++) {
            starts[i] = out.length() + i * length;
        }
        for (int i = 0; i < sections; i++) {
            out.append(String.format(template, starts[(i + 1) % sections]));
        }
        out.append("startxref\n").append(starts[sections - 1]).append("\n%%EOF\n");
        return ascii(out.toString());
    }

    private static byte[] xrefStreamLoop() {
        String head = "%PDF-1.7\n";
        int xref = head.length();
        byte[] rows = {1, 0, 0, 0, 9, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(head + "1 0 obj\n<< /Type /XRef /Size 2 /W [1 4 2] /Index [1 1] /Root 1 0 R /Prev " + xref
                + " /Length " + rows.length + " >>\nstream\n"));
        out.writeBytes(rows);
        out.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n"));
        return out.toByteArray();
    }

    /** An xref stream of 256 MiB of zeros, deflated to a few hundred KiB. */
    private static byte[] bombXrefStream() {
        Deflater deflater = new Deflater(9);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < 256; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        byte[] bomb = compressed.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.7\n"));
        int xref = out.size();
        out.writeBytes(ascii("1 0 obj\n<< /Type /XRef /Size 2 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length "
                + bomb.length + " >>\nstream\n"));
        out.writeBytes(bomb);
        out.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n"));
        return out.toByteArray();
    }
}
