package tongban.storage;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The object store ({@code tongban.s3.*}). Without an {@code endpoint} the embedded S3 server runs under
 * {@code tongban.data-dir}/s3 with credentials made at start.
 */
@ConfigurationProperties("tongban.s3")
record S3Properties(URI endpoint, String accessKey, String secretKey,
                    @DefaultValue("us-east-1") String region,
                    @DefaultValue("tongban-certificates") String bucketCertificates,
                    @DefaultValue("tongban-archive") String bucketArchive,
                    @DefaultValue Retry retry) {

    /** Retries of transient store failures: attempts in all, the first wait, the longest wait. */
    record Retry(@DefaultValue("6") int attempts, @DefaultValue("200ms") Duration firstDelay,
                 @DefaultValue("2s") Duration maxDelay) {
    }
}
