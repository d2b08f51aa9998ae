package tongban.seal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SealImageTests {

    private static Path font() throws URISyntaxException {
        return Path.of(SealImageTests.class.getResource("/fonts/NotoSansSC-Bold-test-subset.ttf").toURI());
    }

    @Test
    void aSealIsARedRingWithAStarAndTextOnATransparentBackground() throws Exception {
        byte[] png = SealImage.withFont(font()).png("上海市市场监督管理局", "电子证照专用章");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/seal-shanghai-amr.png"), png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int size = SealImage.SIZE;
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(alpha(image.getRGB(0, 0))).as("corner is transparent").isZero();
        assertThat(isRed(image.getRGB(size / 2, size / 2))).as("star centre is red").isTrue();
        assertThat(isRed(image.getRGB(size / 2, Math.round(size * 0.035f)))).as("ring top is red").isTrue();
        assertThat(redPixels(image, 0, size / 5, size / 3)).as("text along the upper arc").isGreaterThan(500);
        assertThat(redPixels(image, size * 7 / 10, size * 8 / 10, size / 4)).as("purpose under the star")
                .isGreaterThan(500);
    }

    @Test
    void theSameNamesAlwaysGiveTheSameImage() throws Exception {
        SealImage images = SealImage.withFont(font());
        assertThat(images.png("上海市公安局", "电子证照专用章")).isEqualTo(images.png("上海市公安局", "电子证照专用章"));
    }

    @Test
    void aNameTheFontCannotDrawIsRefusedRatherThanDrawnAsBoxes() throws Exception {
        SealImage images = SealImage.withFont(font());
        assertThatThrownBy(() -> images.png("北京市朝阳区人民政府", "电子证照专用章"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no glyph");
    }

    private static int redPixels(BufferedImage image, int yFrom, int yTo, int xMargin) {
        int count = 0;
        for (int y = yFrom; y < yTo; y++) {
            for (int x = xMargin; x < image.getWidth() - xMargin; x++) {
                if (isRed(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean isRed(int argb) {
        return alpha(argb) > 200 && ((argb >> 16) & 0xff) > 180 && ((argb >> 8) & 0xff) < 60 && (argb & 0xff) < 60;
    }

    private static int alpha(int argb) {
        return (argb >>> 24) & 0xff;
    }
}
