package tongban.materials;

import java.time.Duration;
import java.util.Objects;

/**
 * What one inspection may cost.
 *
 * @param maxFileBytes        largest file accepted, in bytes
 * @param parseTimeout        longest an inspection may take once it has a slot
 * @param maxTextChars        extracted text kept while parsing; reaching it is not a rejection
 * @param maxCompressionRatio how many times its own size a file may expand to (once past a megabyte)
 * @param maxArchiveDepth     how many archives may be nested inside each other
 * @param concurrency         inspections that may run at once
 * @param admissionWait       how long a caller waits for a free slot before {@link RejectionCode#INSPECTION_BUSY}
 */
public record InspectionLimits(long maxFileBytes, Duration parseTimeout, int maxTextChars, long maxCompressionRatio,
                               int maxArchiveDepth, int concurrency, Duration admissionWait) {

    public InspectionLimits {
        Objects.requireNonNull(parseTimeout, "parseTimeout");
        Objects.requireNonNull(admissionWait, "admissionWait");
        if (maxFileBytes < 1 || parseTimeout.isNegative() || parseTimeout.isZero() || maxTextChars < 0
                || maxCompressionRatio < 1 || maxArchiveDepth < 1 || concurrency < 1 || admissionWait.isNegative()) {
            throw new IllegalArgumentException("inspection limits must be positive (admission wait may be 0): "
                    + maxFileBytes + " bytes, " + parseTimeout + ", " + maxTextChars + " characters, ratio "
                    + maxCompressionRatio + ", depth " + maxArchiveDepth + ", " + concurrency + " at once, wait "
                    + admissionWait);
        }
    }

    /** 10 MiB files, 5 s, 100,000 characters, ratio 100, depth 10, 2 at once, 10 s wait for a slot. */
    public static InspectionLimits defaults() {
        return new InspectionLimits(10L * 1024 * 1024, Duration.ofSeconds(5), 100_000, 100, 10, 2,
                Duration.ofSeconds(10));
    }
}
