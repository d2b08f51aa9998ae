package tongban.verification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per client: {@code capacity} requests at once, {@code perSecond} regained each second. Memory is
 * bounded: past {@code maxClients} the full buckets (clients that have been idle long enough to be as good as new)
 * are dropped, and if none is full, all are, which at worst lets those clients start afresh.
 */
final class TokenBuckets {

    private final double capacity;
    private final double perNano;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, double perSecond, int maxClients, LongSupplier nanoTime) {
        if (capacity < 1 || perSecond <= 0 || maxClients < 1) {
            throw new IllegalArgumentException("rate limit: capacity >= 1, per-second > 0 and max-clients >= 1");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for {@code client}: 0 when granted, else the whole seconds to wait before asking again. */
    long take(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxClients && !buckets.containsKey(client)) {
            buckets.values().removeIf(b -> b.full(now));
            if (buckets.size() >= maxClients) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = capacity;
        private long last;

        Bucket(long now) {
            this.last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
