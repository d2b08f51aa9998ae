package tongban.archive.bagit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tongban.archive.bagit.BagPacker.PackedBag;
import tongban.archive.bagit.BagPacker.PayloadFile;

/** A zipped bag is checked file by file against its own manifests, in one pass over the stream. */
class BagCheckTests {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path work;

    static byte[] zip;

    @BeforeAll
    static void pack() throws Exception {
        PackedBag bag = BagPacker.pack("APP-1", List.of(
                        new PayloadFile("application.json", "{}".getBytes(StandardCharsets.UTF_8)),
                        new PayloadFile("materials/01-身份证.jpg", new byte[] {1, 2, 3})),
                List.of(Map.entry("Source-Organization", "上海市市场监督管理局")), work);
        zip = Files.readAllBytes(bag.zip());
    }

    @Test
    void aBagAsPackedIsValid() throws Exception {
        assertThat(BagCheck.verify(new ByteArrayInputStream(zip))).isEmpty();
    }

    @Test
    void theWholeStreamIsReadSoADigestAroundItSeesEveryByte() throws Exception {
        InputStream in = new ByteArrayInputStream(zip);
        BagCheck.verify(in);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aChangedPayloadFileIsNamed() throws Exception {
        byte[] changed = rewrite(name -> name.endsWith("application.json") ? "{\"x\": 1}" : null);

        assertThat(BagCheck.verify(new ByteArrayInputStream(changed)))
                .singleElement().asString().startsWith("data/application.json: manifest SHA-256");
    }

    @Test
    void aRewrittenManifestIsCaughtByTheTagManifest() throws Exception {
        byte[] changed = rewrite(name -> name.endsWith("/manifest-sha256.txt") ? "" : null);

        assertThat(BagCheck.verify(new ByteArrayInputStream(changed))).contains(
                "manifest-sha256.txt: manifest SHA-256 " + tagManifestEntry("manifest-sha256.txt")
                        + ", content e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "data/application.json is not in manifest-sha256.txt");
    }

    @Test
    void aPayloadFileLeftOutIsNamed() throws Exception {
        byte[] changed = rewrite(name -> name.endsWith(".jpg") ? "drop" : null);

        assertThat(BagCheck.verify(new ByteArrayInputStream(changed))).containsExactly("data/materials/01-身份证.jpg is listed but missing");
    }

    private static String tagManifestEntry(String file) throws Exception {
        String tags = new String(entry("APP-1/tagmanifest-sha256.txt"), StandardCharsets.UTF_8);
        return tags.lines().filter(line -> line.endsWith(" " + file)).findFirst().orElseThrow().split(" ")[0];
    }

    private static byte[] entry(String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(name);
    }

    /** The bag with entries replaced: the function gives new content, "drop", or null to keep an entry. */
    private static byte[] rewrite(UnaryOperator<String> replacement) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8);
             ZipOutputStream rewritten = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String content = replacement.apply(entry.getName());
                if ("drop".equals(content)) {
                    continue;
                }
                rewritten.putNextEntry(new ZipEntry(entry.getName()));
                if (content == null) {
                    in.transferTo(rewritten);
                } else {
                    rewritten.write(content.getBytes(StandardCharsets.UTF_8));
                }
                rewritten.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
