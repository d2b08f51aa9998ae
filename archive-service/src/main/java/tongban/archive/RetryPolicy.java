package tongban.archive;

import java.time.Duration;

/**
 * How often and how patiently transient storage failures (connection refused or reset, timeouts, HTTP 5xx, SlowDown)
 * are retried: {@code attempts} in all, waiting {@code firstDelay}, then twice as long each time up to {@code maxDelay}.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {

    /** 6 attempts over about 6 seconds: rides out a store restart without holding a caller for long. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(2));

    /** One attempt, no retry: for probes that must answer at once, such as health checks. */
    public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("attempts >= 1 and 0 <= firstDelay <= maxDelay");
        }
    }

    /** The wait after failed attempt {@code n} (1-based). */
    public Duration delayAfter(int n) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(n - 1, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
