package tongban.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code tongban.verification.*}: the limits of public verification. A file over {@code max-file-size} is refused
 * before it is parsed; a verification runs in one of {@code concurrency} slots, waits at most {@code admission-wait}
 * for one and is given up after {@code timeout} (well under the 2 s a verifier should wait); {@code concurrency} 0
 * means twice the processors, as verification is CPU work.
 *
 * @param rateLimit per client IP address: a bucket of {@code capacity} requests refilled at {@code per-second}
 */
@ConfigurationProperties("tongban.verification")
record VerificationProperties(@DefaultValue("10MB") DataSize maxFileSize,
                              @DefaultValue("1500ms") Duration timeout,
                              @DefaultValue("0") int concurrency,
                              @DefaultValue("1s") Duration admissionWait,
                              @DefaultValue RateLimit rateLimit) {

    int slots() {
        return concurrency > 0 ? concurrency : 2 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param enabled   off only for load tests
     * @param capacity  requests a client may make at once
     * @param perSecond requests a client regains each second
     */
    record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("30") int capacity,
                     @DefaultValue("1.0") double perSecond) {
    }
}
