import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes the README journeys' sample materials, the same bytes on every run: {@code lease.pdf} (a one-page PDF 1.4,
 * written by hand with its cross-reference table) and {@code photo.jpg} (a 240×320 drawn portrait, baseline JPEG).
 * Run from the repository root: {@code java docs/examples/MakeExamples.java}.
 */
public class MakeExamples {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/examples");
        Files.write(dir.resolve("lease.pdf"), pdf(List.of(
                "Premises lease agreement (SAMPLE - not a real contract)",
                "Landlord: Shanghai Huangpu Sample Property Co.",
                "Tenant: Zhang San",
                "Premises: No. 1 Nanjing East Road, Huangpu District, Shanghai",
                "Term: 2026-01-01 to 2028-12-31",
                "Made by docs/examples/MakeExamples.java for the Tongban README journeys.")));
        Files.write(dir.resolve("photo.jpg"), jpeg());
    }

    static byte[] pdf(List<String> lines) {
        StringBuilder text = new StringBuilder("BT /F1 12 Tf 72 760 Td 16 TL\n");
        for (String line : lines) {
            text.append('(').append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")).append(") '\n");
        }
        text.append("ET\n");
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                        + "/Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                "<< /Length " + text.length() + " >>\nstream\n" + text + "endstream",
                "<< /Title (Sample lease for the Tongban README) /Producer (MakeExamples.java) >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R /Info 6 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(240, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(255, 255, 255));
        g.fillRect(0, 0, 240, 320);
        g.setColor(new Color(60, 60, 70));
        g.fillOval(80, 60, 80, 100);
        g.fillRoundRect(40, 190, 160, 130, 60, 60);
        g.setColor(new Color(200, 30, 30));
        g.setStroke(new BasicStroke(4));
        g.drawRect(4, 4, 231, 311);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
