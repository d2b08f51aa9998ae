package tongban.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The last timestamp of a sealed document (最后一个时间戳): what keeps the proof of its seal alive until the next
 * renewal (ETSI EN 319 102-1 §5.6.3, long-term validation). It holds while its TSA's certificate chain is valid and
 * its signature algorithm is still considered secure; before either ends a new archive timestamp must cover it.
 *
 * @param time                the time it proves
 * @param certificateExpiry   the earliest end of validity in its TSA certificate's chain
 * @param signatureAlgorithm  its signature algorithm as iText names it, e.g. {@code SHA256withECDSA}
 */
public record LastTimestamp(Instant time, Instant certificateExpiry, String signatureAlgorithm) {

    public LastTimestamp {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(certificateExpiry, "certificateExpiry");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    }

    /**
     * When the document must be renewed: {@code horizon} before its certificate expires or its algorithm reaches the
     * end of its use in {@code algorithmExpiry} (keyed by {@link #signatureAlgorithm()}), whichever comes first.
     */
    public Instant renewalDue(Duration horizon, Map<String, Instant> algorithmExpiry) {
        Instant end = certificateExpiry;
        Instant algorithmEnd = algorithmExpiry.get(signatureAlgorithm);
        if (algorithmEnd != null && algorithmEnd.isBefore(end)) {
            end = algorithmEnd;
        }
        return end.minus(horizon);
    }
}
