package tongban.materials;

import com.itextpdf.kernel.pdf.EncryptionConstants;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.kernel.pdf.filespec.PdfFileSpec;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import tongban.rules.MaterialSpec;
import tongban.rules.vocabulary.Text;

/** Files an applicant could upload, good and hostile, made fresh by each test: no binary fixture is committed. */
final class Uploads {

    static final String MATERIAL = "equipment-layout";
    /** Accepts what equipment-layout of the food business licence accepts (rules/food-business-licence/item.yaml). */
    static final MaterialSpec IMAGES_OR_PDF = spec(MATERIAL, "image/jpeg", "image/png", "application/pdf");
    static final MaterialSpec PDF_ONLY = spec(MATERIAL, "application/pdf");

    private Uploads() {
    }

    static MaterialSpec spec(String code, String... accepts) {
        return new MaterialSpec(code, new Text("材料", "material"), List.of(accepts),
                Set.of(MaterialSpec.Means.UPLOAD));
    }

    static ReceivedFile file(String filename, String declaredType, byte[] bytes) {
        return new ReceivedFile(MATERIAL, filename, declaredType, bytes);
    }

    static byte[] jpeg() {
        return image("jpg");
    }

    static byte[] png() {
        return image("png");
    }

    /** A one-page PDF holding {@code text}. */
    static byte[] pdf(String text) {
        return pdf(text, new WriterProperties());
    }

    /** A PDF that opens only with a password (AES-256). */
    static byte[] encryptedPdf() {
        return pdf("secret", new WriterProperties().setStandardEncryption("open sesame".getBytes(StandardCharsets.UTF_8),
                "owner".getBytes(StandardCharsets.UTF_8), EncryptionConstants.ALLOW_PRINTING,
                EncryptionConstants.ENCRYPTION_AES_256));
    }

    /** A PDF anyone can open, encrypted to restrict what readers may do with it (owner password only). */
    static byte[] restrictedPdf() {
        return pdf("restricted", new WriterProperties().setStandardEncryption(null,
                "owner".getBytes(StandardCharsets.UTF_8), EncryptionConstants.ALLOW_PRINTING,
                EncryptionConstants.ENCRYPTION_AES_256));
    }

    /** The first half of a PDF: a broken upload. */
    static byte[] truncatedPdf() {
        byte[] whole = pdf("a document cut short ".repeat(200));
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /** A PDF with a file attached to it. */
    static byte[] pdfWithAttachment(String name, byte[] attachment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out)); Document document = new Document(pdf)) {
            document.add(new Paragraph("see the attachment"));
            pdf.addFileAttachment(name, PdfFileSpec.createEmbeddedFileSpec(pdf, attachment, name, name, null, null));
        }
        return out.toByteArray();
    }

    /** The header of a 64-bit x86 Linux executable (ELF, e_type EXEC), then zeros. */
    static byte[] elf() {
        ByteBuffer elf = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        elf.position(16);
        elf.putShort((short) 2).putShort((short) 0x3e).putInt(1);
        return elf.array();
    }

    /** The headers of a 32-bit Windows executable (DOS header, PE signature, i386, PE32 optional header). */
    static byte[] pe() {
        ByteBuffer pe = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        pe.put(new byte[] {'M', 'Z'});
        pe.putInt(0x3c, 0x80);
        pe.position(0x80);
        pe.put(new byte[] {'P', 'E', 0, 0});
        pe.putShort((short) 0x14c).putShort((short) 1);
        pe.position(0x80 + 24);
        pe.putShort((short) 0x10b);
        return pe.array();
    }

    static byte[] shellScript() {
        return "#!/bin/sh\nrm -rf \"$HOME\"\n".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(20260527L).nextBytes(bytes);
        return bytes;
    }

    /** A zip holding one entry of {@code expandedMiB} MiB of zeros: about a thousandth of that in size. */
    static byte[] zipBomb(int expandedMiB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            writeZeros(zip, expandedMiB);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A gzip file of {@code expandedMiB} MiB of zeros. */
    static byte[] gzipBomb(int expandedMiB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            writeZeros(gzip, expandedMiB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A valid one-page PDF whose content stream inflates to {@code expandedMiB} MiB of zeros: PDFBox reads it
     * from memory without output, so it takes its time and ignores being cancelled.
     */
    static byte[] pdfWithBloatedContent(int expandedMiB) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(content, new Deflater(Deflater.BEST_COMPRESSION))) {
            writeZeros(deflate, expandedMiB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        ascii(pdf, "%PDF-1.4\n");
        for (String object : List.of("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[3 0 R]/Count 1>>",
                "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>")) {
            offsets.add(pdf.size());
            ascii(pdf, offsets.size() + " 0 obj " + object + " endobj\n");
        }
        offsets.add(pdf.size());
        ascii(pdf, "4 0 obj <</Length " + content.size() + "/Filter/FlateDecode>> stream\n");
        pdf.writeBytes(content.toByteArray());
        ascii(pdf, "\nendstream endobj\n");
        int xref = pdf.size();
        StringBuilder table = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        ascii(pdf, table + "trailer <</Size 5/Root 1 0 R>>\nstartxref\n" + xref + "\n%%EOF\n");
        return pdf.toByteArray();
    }

    /** {@code depth} zips, each inside the next; the innermost holds a text file. */
    static byte[] nestedZips(int depth) {
        byte[] content = "the innermost file\n".getBytes(StandardCharsets.UTF_8);
        String name = "note.txt";
        for (int level = 1; level <= depth; level++) {
            content = zip(name, content);
            name = "level-" + level + ".zip";
        }
        return content;
    }

    static byte[] zip(String entryName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A zip whose entries are marked encrypted (general purpose bit 0, in the local and the central header), as
     * a password-protected zip is: its contents cannot be read without the password.
     */
    static byte[] encryptedZip() {
        byte[] zip = zip("secret.pdf", pdf("secret"));
        for (int i = 0; i + 8 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                zip[i + 6] |= 1;
            } else if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                zip[i + 8] |= 1;
            }
        }
        return zip;
    }

    private static void writeZeros(OutputStream out, int mebibytes) throws IOException {
        byte[] mebibyte = new byte[1024 * 1024];
        for (int i = 0; i < mebibytes; i++) {
            out.write(mebibyte);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] pdf(String text, WriterProperties properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out, properties)); Document document = new Document(pdf)) {
            document.add(new Paragraph(text));
        }
        return out.toByteArray();
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.RED);
        g.fillOval(30, 10, 60, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
