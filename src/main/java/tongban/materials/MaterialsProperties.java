package tongban.materials;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code tongban.materials.*}: the inspector's limits. Any left out takes its default from
 * {@link InspectionLimits#defaults()}.
 */
@ConfigurationProperties("tongban.materials")
record MaterialsProperties(DataSize maxFileSize, Duration parseTimeout, Integer maxTextLength,
                           Long maxCompressionRatio, Integer maxDepth, Integer concurrency, Duration admissionWait) {

    InspectionLimits limits() {
        InspectionLimits d = InspectionLimits.defaults();
        return new InspectionLimits(maxFileSize == null ? d.maxFileBytes() : maxFileSize.toBytes(),
                parseTimeout == null ? d.parseTimeout() : parseTimeout,
                maxTextLength == null ? d.maxTextChars() : maxTextLength,
                maxCompressionRatio == null ? d.maxCompressionRatio() : maxCompressionRatio,
                maxDepth == null ? d.maxArchiveDepth() : maxDepth,
                concurrency == null ? d.concurrency() : concurrency,
                admissionWait == null ? d.admissionWait() : admissionWait);
    }
}
