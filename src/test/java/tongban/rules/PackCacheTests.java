package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded cache of compiled packs: least recently used out first, one load per key however many ask at once. */
class PackCacheTests {

    private final List<CompiledPack> released = new ArrayList<>();
    private final PackCache cache = new PackCache(2, released::add);

    @Test
    void holdsAtMostItsCapacityAndReleasesTheLeastRecentlyUsed() {
        CompiledPack a = pack("a");
        CompiledPack b = pack("b");
        cache.get("a", () -> a);
        cache.get("b", () -> b);
        cache.get("a", () -> { throw new AssertionError("a is held"); });
        cache.get("c", () -> pack("c"));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(released).containsExactly(b);
        assertThat(cache.get("a", () -> { throw new AssertionError("a is held"); })).isSameAs(a);
    }

    @Test
    void concurrentFirstUsesLoadOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<CompiledPack>> got = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            got.add(pool.submit(() -> {
                go.await();
                return cache.get("x", () -> {
                    loads.incrementAndGet();
                    sleep();
                    return pack("x");
                });
            }));
        }
        go.countDown();
        CompiledPack first = got.get(0).get();
        for (Future<CompiledPack> f : got) {
            assertThat(f.get()).isSameAs(first);
        }
        pool.shutdown();
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailedLoadIsNotKept() {
        assertThatThrownBy(() -> cache.get("bad", () -> { throw new IllegalStateException("does not compile"); }))
                .isInstanceOf(IllegalStateException.class).hasMessage("does not compile");
        CompiledPack fixed = pack("bad");
        assertThat(cache.get("bad", () -> fixed)).isSameAs(fixed);
        assertThatThrownBy(() -> new PackCache(0, p -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    private static CompiledPack pack(String item) {
        return new CompiledPack(null, new PackSource(item, "rules/" + item, Map.of(), Map.of(), item), null, null,
                Map.of(), Instant.EPOCH, ParameterTable.NONE);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
