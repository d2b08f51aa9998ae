package tongban.rules;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The compiled packs held in memory, at most {@code capacity}, the least recently used forgotten first; each is loaded
 * once however many evaluations ask for it at the same time. An evaluation that holds an evicted pack finishes on it.
 */
final class PackCache {

    private final int capacity;
    private final Consumer<CompiledPack> evicted;
    private final LinkedHashMap<String, FutureTask<CompiledPack>> entries = new LinkedHashMap<>(16, 0.75f, true);

    PackCache(int capacity, Consumer<CompiledPack> evicted) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the pack cache holds at least one pack, not " + capacity);
        }
        this.capacity = capacity;
        this.evicted = evicted;
    }

    /** The pack under {@code key}, loaded now if it is not held; a failed load is not kept, so the next call tries again. */
    CompiledPack get(String key, Supplier<CompiledPack> load) {
        FutureTask<CompiledPack> task;
        boolean mine = false;
        synchronized (this) {
            task = entries.get(key);
            if (task == null) {
                task = new FutureTask<>(load::get);
                entries.put(key, task);
                mine = true;
                evict();
            }
        }
        if (mine) {
            task.run();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            synchronized (this) {
                entries.remove(key, task);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a rule pack loaded", e);
        }
    }

    /** Holds a pack compiled elsewhere (a reload, a publication) under {@code key}. */
    synchronized void put(String key, CompiledPack pack) {
        FutureTask<CompiledPack> task = new FutureTask<>(() -> pack);
        task.run();
        FutureTask<CompiledPack> old = entries.put(key, task);
        if (old != null) {
            release(old);
        }
        evict();
    }

    synchronized int size() {
        return entries.size();
    }

    private void evict() {
        Iterator<Map.Entry<String, FutureTask<CompiledPack>>> eldest = entries.entrySet().iterator();
        while (entries.size() > capacity && eldest.hasNext()) {
            FutureTask<CompiledPack> task = eldest.next().getValue();
            eldest.remove();
            release(task);
        }
    }

    private void release(FutureTask<CompiledPack> task) {
        // a load still running is dropped when it ends: nothing holds it here any more
        if (task.isDone()) {
            try {
                evicted.accept(task.get());
            } catch (ExecutionException | InterruptedException failed) {
                // nothing was loaded, nothing to release
            }
        }
    }
}
