package tongban.support;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Files an applicant might upload, made at test time: real ones and hostile ones. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] pdf(String text) {
        return pdf(text, null);
    }

    public static byte[] encryptedPdf() {
        return pdf("secret", new WriterProperties().setStandardEncryption("user".getBytes(StandardCharsets.US_ASCII),
                "owner".getBytes(StandardCharsets.US_ASCII), 0, com.itextpdf.kernel.pdf.EncryptionConstants.ENCRYPTION_AES_256));
    }

    private static byte[] pdf(String text, WriterProperties properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(properties == null ? new PdfWriter(out) : new PdfWriter(out, properties));
             Document document = new Document(pdf)) {
            document.add(new Paragraph(text));
        }
        return out.toByteArray();
    }

    public static byte[] jpeg() {
        BufferedImage image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(230, 235, 245));
        g.fillRect(0, 0, 120, 160);
        g.setColor(new Color(40, 60, 90));
        g.fillOval(35, 30, 50, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The start of a Windows program (MZ header and PE signature), whatever it is named. */
    public static byte[] windowsProgram() {
        byte[] exe = new byte[1024];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    /** A PDF with a zip appended after its end, holding a shell script and the start of an ELF program. */
    public static byte[] pdfWithAppendedPrograms() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pdf("租赁合同"));
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("run.sh"));
            zip.write("#!/bin/sh\n./payload\n".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("payload"));
            byte[] elf = new byte[1024];
            System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
            elf[16] = 2;
            elf[18] = 0x3e;
            elf[20] = 1;
            zip.write(elf);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip a few hundred KiB long that expands to hundreds of MiB. */
    public static byte[] zipBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
