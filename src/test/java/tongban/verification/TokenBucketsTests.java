package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client token buckets on a clock the test moves. */
class TokenBucketsTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aClientMayMakeCapacityRequestsAtOnceThenWaitsForTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(3, 0.5, 100, now::get);

        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isEqualTo(2);
        now.addAndGet(1_000_000_000L);
        assertThat(buckets.take("a")).as("half a token after one second").isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        assertThat(buckets.take("a")).isZero();
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 100, now::get);

        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
        assertThat(buckets.take("b")).isZero();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsCapacity() {
        TokenBuckets buckets = new TokenBuckets(2, 10, 100, now::get);
        buckets.take("a");
        now.addAndGet(3_600_000_000_000L);

        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    void pastMaxClientsTheIdleAreForgottenAndTheBusyKept() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 2, now::get);
        buckets.take("busy");
        buckets.take("idle");
        now.addAndGet(500_000_000L);
        buckets.take("busy");
        now.addAndGet(600_000_000L);

        assertThat(buckets.take("new")).as("'idle' refilled and was dropped to make room").isZero();
        assertThat(buckets.take("busy")).as("'busy' still owes its token").isZero();
        assertThat(buckets.take("busy")).isPositive();
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> new TokenBuckets(0, 1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
