package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The pool that runs inspections: a fixed number of slots, no queue, a slot held until its task really ends. */
class WorkSlotsTests {

    @Test
    void aCallWhenEverySlotIsBusyIsRefusedAfterTheAdmissionWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try (WorkSlots slots = new WorkSlots("test", 1, Duration.ofMillis(50))) {
            Future<String> first = callers.submit(() -> slots.call(() -> {
                running.countDown();
                release.await();
                return "first";
            }, Duration.ofSeconds(10)));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> slots.call(() -> "second", Duration.ofSeconds(1)))
                    .isInstanceOf(RejectedExecutionException.class);

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(slots.call(() -> "third", Duration.ofSeconds(1))).isEqualTo("third");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aTaskThatOutlivesItsTimeoutKeepsItsSlotUntilItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (WorkSlots slots = new WorkSlots("test", 1, Duration.ZERO)) {
            // a generous timeout: on a loaded machine the task must have started before it runs out
            assertThatThrownBy(() -> slots.call(() -> {
                started.countDown();
                // deaf to interrupts, as some parsers are
                boolean released = false;
                while (!released) {
                    try {
                        released = release.await(10, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ignored) {
                        // keeps going, like a parser that never looks at its interrupt flag
                    }
                }
                return "late";
            }, Duration.ofMillis(1000))).isInstanceOf(TimeoutException.class);
            assertThat(started.getCount()).isZero();
            assertThat(slots.available()).isZero();

            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (slots.available() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(slots.available()).isOne();
        }
    }

    @Test
    void aTaskThatListensToItsCancellationFreesItsSlotAtOnce() throws Exception {
        try (WorkSlots slots = new WorkSlots("test", 1, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> slots.call(() -> {
                Thread.sleep(60_000);
                return "never";
            }, Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);

            assertThat(slots.call(() -> "next", Duration.ofSeconds(5))).isEqualTo("next");
        }
    }

    @Test
    void aTaskFailureReachesTheCallerAndFreesTheSlot() throws Exception {
        try (WorkSlots slots = new WorkSlots("test", 1, Duration.ZERO)) {
            assertThatThrownBy(() -> slots.call(() -> {
                throw new IllegalStateException("parser bug");
            }, Duration.ofSeconds(5))).hasCauseInstanceOf(IllegalStateException.class);

            assertThat(slots.call(() -> "next", Duration.ofSeconds(5))).isEqualTo("next");
        }
    }
}
