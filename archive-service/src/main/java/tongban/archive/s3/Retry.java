package tongban.archive.s3;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.ObjectStoreException;
import tongban.archive.RetryPolicy;

/** Runs a store call, retrying transient failures with exponential backoff, and translates what is left. */
final class Retry {

    private static final Logger log = LoggerFactory.getLogger(MinioObjectStore.class);

    interface Call<T> {
        T call() throws Exception;
    }

    private final RetryPolicy policy;

    Retry(RetryPolicy policy) {
        this.policy = policy;
    }

    <T> T run(String what, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                boolean transientFailure = S3Failures.isTransient(e);
                if (!transientFailure || attempt >= policy.attempts()) {
                    throw S3Failures.translate(what + (attempt > 1 ? " (" + attempt + " attempts)" : ""), e);
                }
                Duration wait = policy.delayAfter(attempt);
                log.warn("{} failed: {}; attempt {} of {}, retrying in {} ms",
                        what, S3Failures.summary(e), attempt, policy.attempts(), wait.toMillis());
                sleep(wait, what);
            }
        }
    }

    /** One attempt, failures translated like {@link #run}'s. */
    <T> T once(String what, Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw S3Failures.translate(what, e);
        }
    }

    private static void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException(what + ": interrupted while waiting to retry", e, true);
        }
    }
}
