package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.RejectionCode.ARCHIVE_BOMB;
import static tongban.materials.RejectionCode.ARCHIVE_TOO_DEEP;
import static tongban.materials.RejectionCode.TYPE_NOT_ACCEPTED;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Archives are opened under a compression ratio and a nesting depth, whatever type the material accepts. */
class ArchiveBombTests {

    private static MaterialsInspector inspector;

    @BeforeAll
    static void start() {
        inspector = new MaterialsInspector(InspectionLimits.defaults());
    }

    @AfterAll
    static void stop() {
        inspector.close();
    }

    @Test
    void aZipOfAFewHundredKilobytesThatExpandsToAQuarterGibibyteIsABomb() {
        byte[] bomb = Uploads.zipBomb(256);
        assertThat(bomb.length).isBetween(100_000, 1_000_000);

        InspectedMaterial result = assertRejected(inspector.inspect(file("scans.zip", "application/zip", bomb),
                IMAGES_OR_PDF), ARCHIVE_BOMB);
        assertThat(result.detectedType()).isEqualTo("application/zip");
    }

    @Test
    void aGzipBombIsABomb() {
        assertRejected(inspector.inspect(file("scans.gz", "application/gzip", Uploads.gzipBomb(256)), IMAGES_OR_PDF),
                ARCHIVE_BOMB);
    }

    @Test
    void aBombInsideAZipIsABomb() {
        assertRejected(inspector.inspect(file("scans.zip", "application/zip",
                Uploads.zip("inner.zip", Uploads.zipBomb(64))), IMAGES_OR_PDF), ARCHIVE_BOMB);
    }

    @Test
    void elevenZipsInsideEachOtherAreTooDeep() {
        assertRejected(inspector.inspect(file("nested.zip", "application/zip", Uploads.nestedZips(11)), IMAGES_OR_PDF),
                ARCHIVE_TOO_DEEP);
    }

    @Test
    void tenZipsInsideEachOtherAreWithinTheDefaultDepth() {
        assertRejected(inspector.inspect(file("nested.zip", "application/zip", Uploads.nestedZips(10)), IMAGES_OR_PDF),
                TYPE_NOT_ACCEPTED);
    }

    @Test
    void theDepthAndRatioAreThoseConfigured() {
        byte[] twentyMebibytesOfZeros = Uploads.zipBomb(20);
        try (MaterialsInspector lenient = new MaterialsInspector(Inspections.limits(10 << 20, Duration.ofSeconds(5),
                100_000, 5_000, 3))) {
            assertRejected(lenient.inspect(file("nested.zip", "application/zip", Uploads.nestedZips(4)), IMAGES_OR_PDF),
                    ARCHIVE_TOO_DEEP);
            assertRejected(lenient.inspect(file("zeros.zip", "application/zip", twentyMebibytesOfZeros), IMAGES_OR_PDF),
                    TYPE_NOT_ACCEPTED);
        }
        assertRejected(inspector.inspect(file("zeros.zip", "application/zip", twentyMebibytesOfZeros), IMAGES_OR_PDF),
                ARCHIVE_BOMB);
    }
}
