package tongban.renewal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tongban.renewal.*} (besides {@code cron}, read by the schedule itself): how long before the
 * last timestamp's certificate or algorithm ends a document is renewed ({@code horizon}), when each signature
 * algorithm stops being trusted ({@code algorithm-expiry}: iText's name such as {@code SHA256withECDSA} to an ISO
 * date, e.g. from ETSI TS 119 312 or the national guidance), and how long to wait after a failed renewal before
 * trying that document again ({@code retry-after}).
 */
@ConfigurationProperties("tongban.renewal")
record RenewalProperties(Duration horizon, Map<String, String> algorithmExpiry, Duration retryAfter) {

    RenewalProperties {
        horizon = horizon == null ? Duration.ofDays(365) : horizon;
        algorithmExpiry = algorithmExpiry == null ? Map.of() : Map.copyOf(algorithmExpiry);
        retryAfter = retryAfter == null ? Duration.ofDays(1) : retryAfter;
        if (horizon.isNegative() || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("tongban.renewal.horizon must not be negative, retry-after positive");
        }
        algorithmEnds(algorithmExpiry);
    }

    /** {@link #algorithmExpiry()} as instants (start of the day, UTC). */
    Map<String, Instant> algorithmEnds() {
        return algorithmEnds(algorithmExpiry);
    }

    private static Map<String, Instant> algorithmEnds(Map<String, String> dates) {
        Map<String, Instant> ends = new LinkedHashMap<>();
        dates.forEach((algorithm, date) -> {
            try {
                ends.put(algorithm, LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("tongban.renewal.algorithm-expiry." + algorithm
                        + " must be an ISO date such as 2030-12-31, not " + date, e);
            }
        });
        return Map.copyOf(ends);
    }
}
