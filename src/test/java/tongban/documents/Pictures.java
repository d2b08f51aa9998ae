package tongban.documents;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Page pictures made with Apache PDFBox, an independent PDF renderer. */
final class Pictures {

    static final float DPI = 110;

    private Pictures() {
    }

    static BufferedImage firstPage(byte[] pdf, float dpi) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, dpi);
        }
    }

    /**
     * Writes the PDF and a PNG of its first page to {@code src/target/certificates/NAME.pdf/.png}, the PNG
     * with a dashed red circle where the seal will go (the PDF itself has nothing there until sealed).
     */
    static Path keep(String name, CertificateDocument document) throws IOException {
        return keep(Samples.OUTPUT, name, document.pdf(), document.seal());
    }

    /**
     * Writes the PDF to {@code folder/NAME.pdf} and a PNG of each page, {@code NAME.png} for the first and
     * {@code NAME-N.png} for page N, the seal's page with a dashed red circle where the seal will go.
     */
    static Path keep(Path folder, String name, byte[] pdf, SealPosition seal) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int index = 0; index < document.getNumberOfPages(); index++) {
                BufferedImage page = renderer.renderImageWithDPI(index, DPI);
                if (index + 1 == seal.page()) {
                    circle(page, seal);
                }
                ImageIO.write(page, "png", folder.resolve(name + (index == 0 ? "" : "-" + (index + 1)) + ".png").toFile());
            }
        }
        return folder.resolve(name + ".png");
    }

    private static void circle(BufferedImage page, SealPosition seal) {
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(200, 30, 30));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        float scale = DPI / 72f;
        float pageHeight = page.getHeight() / scale;
        g.drawOval(Math.round(seal.x() * scale), Math.round((pageHeight - seal.y() - seal.height()) * scale),
                Math.round(seal.width() * scale), Math.round(seal.height() * scale));
        g.dispose();
    }
}
