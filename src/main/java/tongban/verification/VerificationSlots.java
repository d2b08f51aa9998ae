package tongban.verification;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import tongban.platform.ApiProblem;

/**
 * Bounded parse time: each verification runs on a worker of its own and its caller waits at most the timeout. The
 * slot is given back only when the work really ends, so a parse that ignores its interrupt holds one slot, and
 * once all are held callers are told to come back later rather than piling up threads.
 */
final class VerificationSlots implements AutoCloseable {

    private final Semaphore free;
    private final ExecutorService workers;
    private final Duration admissionWait;
    private final Duration timeout;

    VerificationSlots(int size, Duration admissionWait, Duration timeout) {
        this.free = new Semaphore(size);
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "verification");
            thread.setDaemon(true);
            return thread;
        });
        this.admissionWait = admissionWait;
        this.timeout = timeout;
    }

    /**
     * @throws ApiProblem 503 VERIFICATION_BUSY when no slot came free in time, 422 DOCUMENT_TOO_COMPLEX when the
     *                    work took longer than the timeout
     */
    <T> T call(Callable<T> work) {
        try {
            if (!free.tryAcquire(admissionWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "VERIFICATION_BUSY",
                        "every verification slot is busy; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "VERIFICATION_BUSY", "the server is shutting down");
        }
        // the permit goes back when the worker is done with the task, even one cancelled before it started
        FutureTask<T> future = new FutureTask<>(work);
        try {
            workers.execute(() -> {
                try {
                    future.run();
                } finally {
                    free.release();
                }
            });
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "DOCUMENT_TOO_COMPLEX",
                    "the file could not be verified within " + timeout.toMillis() + " ms; it is not a certificate"
                            + " as we issue them");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "VERIFICATION_BUSY", "the server is shutting down");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
