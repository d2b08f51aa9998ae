package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tongban.seal.Department;
import tongban.seal.JsonLinesSealAuditLog;
import tongban.seal.SealCommand;
import tongban.seal.SealConfig;
import tongban.seal.SealPosition;
import tongban.seal.SealService;
import tongban.seal.SealedDocument;
import tongban.seal.VerificationReport;

/**
 * Every certificate type and every notice, rendered and then sealed by its department with the embedded local
 * authority: veraPDF still finds it PDF/A-3B, the verification core finds it VALID, and a picture of page 1 of
 * each certificate with the visible seal is kept in src/target/certificates/TYPE-sealed.png.
 */
class SealedCertificateTests {

    private static SealService seals;
    private static Path keys;

    @BeforeAll
    static void localAuthority() throws Exception {
        keys = tongban.support.TempFolders.create("tongban-keys");
        seals = SealService.start(SealConfig.embedded(keys, Path.of("templates/fonts/NotoSansSC-Regular-subset.ttf"),
                List.of(new Department("shanghai-amr", "上海市市场监督管理局", "电子证照专用章", null),
                        new Department("shanghai-psb", "上海市公安局", "电子证照专用章", null)), null),
                new JsonLinesSealAuditLog(keys.resolve("audit.jsonl")));
    }

    @AfterAll
    static void close() {
        seals.close();
    }

    static List<String> types() {
        return Samples.types();
    }

    @ParameterizedTest
    @MethodSource("types")
    void aSealedCertificateIsPdfA3bValidAndShowsItsSeal(String type) throws Exception {
        CertificateDocument document = Samples.render(type);
        var at = document.seal();
        SealedDocument sealed = seals.seal(new SealCommand(type.equals("residence-permit") ? "shanghai-psb" : "shanghai-amr",
                document.pdf(), new SealPosition(at.page(), at.x(), at.y(), at.width(), at.height()), "test", "test", null));

        assertThat(VeraPdf.failuresAsPdfA3b(sealed.pdf())).isEmpty();
        VerificationReport report = seals.verify(sealed.pdf());
        assertThat(report.verdict()).as(report.toString()).isEqualTo(VerificationReport.Verdict.VALID);

        BufferedImage page = Pictures.firstPage(sealed.pdf(), Pictures.DPI);
        Files.createDirectories(Samples.OUTPUT);
        Files.write(Samples.OUTPUT.resolve(type + "-sealed.pdf"), sealed.pdf());
        ImageIO.write(page, "png", Samples.OUTPUT.resolve(type + "-sealed.png").toFile());
        assertThat(redPixelsIn(page, at)).as("the seal is drawn where the template puts it").isGreaterThan(500);
    }

    static List<Notices.Case> notices() {
        return Notices.CASES;
    }

    @ParameterizedTest
    @MethodSource("notices")
    void aSealedNoticeIsPdfA3bAndValid(Notices.Case notice) throws Exception {
        NoticeDocument document = Notices.render(notice);
        var at = document.seal();
        SealedDocument sealed = seals.seal(new SealCommand(Notices.item(notice).department().id(), document.pdf(),
                new SealPosition(at.page(), at.x(), at.y(), at.width(), at.height()), "test", "test", null));
        assertThat(VeraPdf.failuresAsPdfA3b(sealed.pdf())).isEmpty();
        assertThat(seals.verify(sealed.pdf()).verdict()).isEqualTo(VerificationReport.Verdict.VALID);
    }

    /** Counts clearly red pixels inside the seal rectangle: the seal's ring and star are red. */
    private static int redPixelsIn(BufferedImage page, tongban.documents.SealPosition at) {
        float scale = Pictures.DPI / 72f;
        int x0 = Math.round(at.x() * scale);
        int y0 = Math.round((page.getHeight() / scale - at.y() - at.height()) * scale);
        int red = 0;
        for (int x = x0; x < x0 + Math.round(at.width() * scale) && x < page.getWidth(); x++) {
            for (int y = Math.max(0, y0); y < y0 + Math.round(at.height() * scale) && y < page.getHeight(); y++) {
                int rgb = page.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 180 && g < 100 && b < 100) {
                    red++;
                }
            }
        }
        return red;
    }
}
