package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static tongban.materials.Inspections.assertAccepted;
import static tongban.materials.Inspections.assertRejected;
import static tongban.materials.Uploads.IMAGES_OR_PDF;
import static tongban.materials.Uploads.file;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No upload holds the inspector longer than its limits: slow parses time out, a full house answers busy. */
class InspectionTimeTests {

    @Test
    void aParseLongerThanTheTimeLimitIsRefusedAsATimeout() {
        try (MaterialsInspector hasty = new MaterialsInspector(Inspections.limits(10 << 20, Duration.ofNanos(1),
                100_000, 100, 10))) {
            InspectedMaterial result = assertRejected(hasty.inspect(file("licence.pdf", "application/pdf",
                    Uploads.pdf("takes longer than a nanosecond")), IMAGES_OR_PDF), RejectionCode.PARSE_TIMEOUT);

            assertThat(result.detectedType()).isNull();
        }
    }

    @Test
    void aParseThatIgnoresItsCancellationKeepsItsSlotAndOthersAreToldBusyUntilItEnds() {
        byte[] bloated = Uploads.pdfWithBloatedContent(400);
        InspectionLimits oneSlot = new InspectionLimits(10 << 20, Duration.ofMillis(100), 100_000, 100, 10, 1,
                Duration.ZERO);
        try (MaterialsInspector inspector = new MaterialsInspector(oneSlot)) {
            assertRejected(inspector.inspect(file("plan.pdf", "application/pdf", bloated), IMAGES_OR_PDF),
                    RejectionCode.PARSE_TIMEOUT);
            assertRejected(inspector.inspect(file("photo.jpg", "image/jpeg", Uploads.jpeg()), IMAGES_OR_PDF),
                    RejectionCode.INSPECTION_BUSY);

            InspectionLimits patient = new InspectionLimits(10 << 20, Duration.ofSeconds(5), 100_000, 100, 10, 1,
                    Duration.ofSeconds(30));
            try (MaterialsInspector waiting = new MaterialsInspector(patient)) {
                assertAccepted(waiting.inspect(file("photo.jpg", "image/jpeg", Uploads.jpeg()), IMAGES_OR_PDF),
                        "image/jpeg");
            }
        }
    }

    @Test
    void twentyHostileFilesInARowLeaveTheInspectorResponsive() {
        byte[] pdf = Uploads.pdf("a statement");
        List<ReceivedFile> hostile = List.of(
                file("photo.jpg", "image/jpeg", Uploads.elf()),
                file("photo.jpg", "image/jpeg", Uploads.pe()),
                file("statement.pdf", "application/pdf", Uploads.shellScript()),
                file("scans.zip", "application/zip", Uploads.zipBomb(256)),
                file("scans.gz", "application/gzip", Uploads.gzipBomb(256)),
                file("nested.zip", "application/zip", Uploads.nestedZips(30)),
                file("statement.pdf", "application/pdf", Uploads.encryptedPdf()),
                file("statement.pdf", "application/pdf", Uploads.truncatedPdf()),
                file("statement.pdf", "application/pdf", Arrays.copyOf(pdf, pdf.length - 40)),
                file("scan.pdf", "application/pdf", Uploads.randomBytes(1 << 20)),
                file("scan.png", "image/png", Arrays.copyOf(Uploads.png(), 40)),
                file("photo.jpg", "image/jpeg", new byte[0]),
                file("big.pdf", "application/pdf", new byte[10 * 1024 * 1024 + 1]),
                file("scan.png", "image/jpeg", Uploads.png()),
                file("form.pdf", "application/pdf", Uploads.pdfWithAttachment("setup.exe", Uploads.pe())),
                file("statements.zip", "application/zip", Uploads.encryptedZip()),
                file("inner.zip", "application/zip", Uploads.zip("inner.zip", Uploads.zipBomb(64))),
                file("plan.pdf", "application/pdf", Uploads.pdfWithBloatedContent(400)),
                file("photo.jpg", "image/jpeg", Uploads.randomBytes(1 << 20)),
                file("documents.zip", "application/zip", Uploads.zip("bin/tool", Uploads.elf())));
        // the bloated PDF parses for seconds: it times out, and keeps one of the two slots a while longer
        InspectionLimits limits = new InspectionLimits(10 << 20, Duration.ofSeconds(1), 100_000, 100, 10, 2,
                Duration.ofSeconds(10));
        try (MaterialsInspector inspector = new MaterialsInspector(limits)) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (ReceivedFile upload : hostile) {
                    assertThat(inspector.inspect(upload, IMAGES_OR_PDF).accepted()).as(upload.toString()).isFalse();
                }
                long start = System.nanoTime();
                assertAccepted(inspector.inspect(file("photo.jpg", "image/jpeg", Uploads.jpeg()), IMAGES_OR_PDF),
                        "image/jpeg");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
            });
        }
    }
}
