package tongban.seal.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a round official seal (公章) as a PNG with a transparent background: a red ring, a five-pointed star in the
 * centre, the department name along the upper arc and the seal purpose (e.g. 电子证照专用章) below the star.
 */
public final class SealImage {

    /** Side of the square image in pixels: sharp at a 42 mm seal printed at 300 dpi. */
    public static final int SIZE = 500;
    private static final Color SEAL_RED = new Color(0xD7, 0x00, 0x0F);

    private final Font font;

    private SealImage(Font font) {
        this.font = font;
    }

    /** Loads the font the texts are drawn with; it must hold the CJK glyphs of the names. */
    public static SealImage withFont(Path fontFile) {
        try {
            return new SealImage(Font.createFont(Font.TRUETYPE_FONT, fontFile.toFile()));
        } catch (FontFormatException | IOException e) {
            throw new IllegalArgumentException("cannot load seal font " + fontFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Draws the seal.
     *
     * @throws IllegalArgumentException when the font lacks a glyph of the texts, so no seal shows empty boxes
     */
    public byte[] png(String departmentName, String purpose) {
        requireGlyphs(departmentName);
        requireGlyphs(purpose);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(SEAL_RED);
            double c = SIZE / 2.0;
            float ring = SIZE * 0.035f;
            g.setStroke(new BasicStroke(ring));
            double r = c - ring;
            g.draw(new java.awt.geom.Ellipse2D.Double(c - r, c - r, 2 * r, 2 * r));
            g.fill(star(c, c, SIZE * 0.17, SIZE * 0.068));
            drawArcText(g, departmentName, c, r - ring * 0.9);
            drawPurpose(g, purpose, c);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireGlyphs(String text) {
        int missing = font.canDisplayUpTo(text);
        if (missing >= 0) {
            throw new IllegalArgumentException("seal font " + font.getFontName() + " has no glyph for '"
                    + text.charAt(missing) + "'");
        }
    }

    /** Characters upright along the upper arc, centred on the top, spread over at most 240 degrees. */
    private void drawArcText(Graphics2D g, String text, double c, double outerRadius) {
        int n = text.codePointCount(0, text.length());
        Font f = font.deriveFont(Font.PLAIN, (float) (SIZE * (n > 14 ? 0.09 : 0.115)));
        FontRenderContext frc = g.getFontRenderContext();
        double glyphHeight = f.getLineMetrics(text, frc).getAscent() * 0.88;
        double radius = outerRadius - glyphHeight;
        double span = Math.toRadians(Math.min(240, 18.0 * n + 40));
        double step = n > 1 ? span / (n - 1) : 0;
        double start = -Math.PI / 2 - span / 2;
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < n; i++) {
            double angle = start + i * step;
            GlyphVector glyph = f.createGlyphVector(frc, new String(codePoints, i, 1));
            Rectangle2D bounds = glyph.getLogicalBounds();
            AffineTransform at = new AffineTransform();
            at.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
            at.rotate(angle + Math.PI / 2);
            at.translate(-bounds.getWidth() / 2, 0);
            g.fill(at.createTransformedShape(glyph.getOutline()));
        }
    }

    private void drawPurpose(Graphics2D g, String text, double c) {
        Font f = font.deriveFont(Font.PLAIN, (float) (SIZE * 0.078));
        FontRenderContext frc = g.getFontRenderContext();
        GlyphVector glyphs = f.createGlyphVector(frc, text);
        Rectangle2D bounds = glyphs.getLogicalBounds();
        double maxWidth = SIZE * 0.56;
        double scale = Math.min(1, maxWidth / bounds.getWidth());
        AffineTransform at = new AffineTransform();
        at.translate(c - bounds.getWidth() * scale / 2, c + SIZE * 0.27);
        at.scale(scale, 1);
        g.fill(at.createTransformedShape(glyphs.getOutline()));
    }

    private static Path2D star(double cx, double cy, double outer, double inner) {
        Path2D.Double star = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + radius * Math.cos(angle);
            double y = cy + radius * Math.sin(angle);
            if (i == 0) {
                star.moveTo(x, y);
            } else {
                star.lineTo(x, y);
            }
        }
        star.closePath();
        return star;
    }
}
