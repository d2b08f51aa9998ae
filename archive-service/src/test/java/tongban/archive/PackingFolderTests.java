package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node killed while packing a bag leaves its folder; the next start removes it, never one still being packed. */
class PackingFolderTests {

    @TempDir
    Path work;

    @Test
    void foldersLeftByAKilledNodeAreRemovedAndFreshOnesKept() throws IOException {
        Path left = Files.createDirectories(work.resolve("bag-1/app/data"));
        Files.writeString(left.resolve("form.json"), "{}");
        Files.setLastModifiedTime(work.resolve("bag-1"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path packing = Files.createDirectories(work.resolve("bag-2/app"));

        PackageArchive.clearStaleWork(work, Instant.now().minus(PackageArchive.STALE));

        assertThat(work.resolve("bag-1")).doesNotExist();
        assertThat(packing).exists();
    }

    @Test
    void noFolderYetIsNothingToClear() {
        PackageArchive.clearStaleWork(work.resolve("absent"), Instant.now());

        assertThat(work.resolve("absent")).doesNotExist();
    }
}
