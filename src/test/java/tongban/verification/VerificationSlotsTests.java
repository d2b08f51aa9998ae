package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tongban.platform.ApiProblem;

/** Bounded parse time and concurrency: slow work is given up on time, and a runaway holds its slot till it ends. */
class VerificationSlotsTests {

    @Test
    void workWithinTheTimeoutReturnsItsResult() {
        try (VerificationSlots slots = new VerificationSlots(1, Duration.ofMillis(100), Duration.ofSeconds(1))) {
            assertThat(slots.call(() -> "done")).isEqualTo("done");
        }
    }

    @Test
    void workPastTheTimeoutIsGivenUpAsTooComplexOnTime() {
        try (VerificationSlots slots = new VerificationSlots(1, Duration.ofMillis(100), Duration.ofMillis(200))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> slots.call(() -> spin(5_000))).isInstanceOf(ApiProblem.class)
                    .extracting(e -> ((ApiProblem) e).code()).isEqualTo("DOCUMENT_TOO_COMPLEX");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRunawayThatIgnoresItsInterruptHoldsItsSlotUntilItEnds() throws Exception {
        try (VerificationSlots slots = new VerificationSlots(1, Duration.ofMillis(100), Duration.ofMillis(100))) {
            CountDownLatch release = new CountDownLatch(1);
            assertThatThrownBy(() -> slots.call(() -> {
                awaitUninterruptibly(release);
                return null;
            })).extracting(e -> ((ApiProblem) e).code()).isEqualTo("DOCUMENT_TOO_COMPLEX");

            assertThatThrownBy(() -> slots.call(() -> "next")).isInstanceOf(ApiProblem.class)
                    .extracting(e -> ((ApiProblem) e).code()).isEqualTo("VERIFICATION_BUSY");

            release.countDown();
            Thread.sleep(100);
            assertThat(slots.call(() -> "next")).isEqualTo("next");
        }
    }

    @Test
    void aFailureOfTheWorkReachesTheCaller() {
        try (VerificationSlots slots = new VerificationSlots(1, Duration.ofMillis(100), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> slots.call(() -> {
                throw new IllegalStateException("broken");
            })).isInstanceOf(IllegalStateException.class).hasMessage("broken");
            assertThat(slots.call(() -> "still usable")).isEqualTo("still usable");
        }
    }

    // CPU work that never looks at its interrupt, as a parser in a loop would not
    private static String spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x++;
        }
        return Long.toString(x);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // a parser that swallows interrupts
            }
        }
    }
}
