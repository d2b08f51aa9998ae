package tongban.verification;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import tongban.platform.ApiProblem;
import tongban.platform.WorkSlots;

/**
 * Verifications in {@link WorkSlots}: bounded parse time and concurrency, their failures told as problems. A parse
 * that ignores its interrupt holds one slot, and once all are held callers are told to come back later.
 */
final class VerificationSlots implements AutoCloseable {

    private final WorkSlots slots;
    private final Duration timeout;

    VerificationSlots(int size, Duration admissionWait, Duration timeout) {
        this.slots = new WorkSlots("verification", size, admissionWait);
        this.timeout = timeout;
    }

    /**
     * @throws ApiProblem 503 VERIFICATION_BUSY when no slot came free in time, 422 DOCUMENT_TOO_COMPLEX when the
     *                    work took longer than the timeout
     */
    <T> T call(Callable<T> work) {
        try {
            return slots.call(work, timeout);
        } catch (RejectedExecutionException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "VERIFICATION_BUSY",
                    "every verification slot is busy; try again in a moment");
        } catch (TimeoutException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "DOCUMENT_TOO_COMPLEX",
                    "the file could not be verified within " + timeout.toMillis() + " ms; it is not a certificate"
                            + " as we issue them");
        } catch (InterruptedException e) {
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
        slots.close();
    }
}
