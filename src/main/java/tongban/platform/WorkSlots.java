package tongban.platform;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of worker threads, each taken by one task at a time, for work on untrusted input with bounded time
 * (materials inspection, verification). A caller waits a short while for a free slot, then is refused rather than
 * queued. A task that outlives its caller's timeout is cancelled, but keeps its slot until it really ends: a parser
 * that ignores the interrupt blocks a slot, never a growing queue.
 */
public final class WorkSlots implements AutoCloseable {

    private final Semaphore free;
    private final ExecutorService workers;
    private final Duration admissionWait;

    /** {@code size} slots whose threads are named {@code name-1}, {@code name-2} …; a caller waits {@code admissionWait} at most. */
    public WorkSlots(String name, int size, Duration admissionWait) {
        this.free = new Semaphore(size);
        this.workers = Executors.newFixedThreadPool(size, daemons(name));
        this.admissionWait = admissionWait;
    }

    /**
     * Runs the task in a free slot and waits for it at most {@code timeout}.
     *
     * @throws RejectedExecutionException when no slot came free within the admission wait
     * @throws TimeoutException           when the task took longer; it has been cancelled
     */
    public <T> T call(Callable<T> task, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!free.tryAcquire(admissionWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new RejectedExecutionException("every slot is busy");
        }
        // whoever claims the slot's release first, the task when it starts or the caller when it gives up first
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> future;
        try {
            future = workers.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return task.call();
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException closed) {
            free.release();
            throw closed;
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            if (claimed.compareAndSet(false, true)) {
                free.release();
            }
            throw e;
        }
    }

    /** Slots free right now. */
    public int available() {
        return free.availablePermits();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
