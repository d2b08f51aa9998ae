package tongban.storage;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;

/** The embedded servers {@link EarlyStart} is starting; each is taken once by its bean, or stopped by {@link #close}. */
final class StartingServers implements AutoCloseable {

    private final Starting<EmbeddedPostgresServer> postgres;
    private final Starting<EmbeddedS3Server> s3;

    /** A null supplier: that server is not embedded (configured elsewhere). */
    StartingServers(Supplier<EmbeddedPostgresServer> postgres, Supplier<EmbeddedS3Server> s3) {
        this.postgres = postgres == null ? null : new Starting<>("embedded-postgres-start", postgres);
        this.s3 = s3 == null ? null : new Starting<>("embedded-s3-start", s3);
    }

    /** The started PostgreSQL server, or {@code null} when this start did not begin it; throws what its start threw. */
    EmbeddedPostgresServer takePostgres() {
        return postgres == null ? null : postgres.take();
    }

    /** The started S3 server, or {@code null} when this start did not begin it; throws what its start threw. */
    EmbeddedS3Server takeS3() {
        return s3 == null ? null : s3.take();
    }

    /** Stops the servers no bean took (waiting for a start under way); taken ones belong to their beans. */
    @Override
    public void close() {
        if (postgres != null) {
            postgres.closeUntaken();
        }
        if (s3 != null) {
            s3.closeUntaken();
        }
    }

    private static final class Starting<T extends AutoCloseable> {

        private final FutureTask<T> task;
        private boolean taken;

        Starting(String thread, Supplier<T> start) {
            this.task = new FutureTask<>(start::get);
            Thread starter = new Thread(task, thread);
            starter.setDaemon(true);
            starter.start();
        }

        synchronized T take() {
            if (taken) {
                return null;
            }
            taken = true;
            return result();
        }

        synchronized void closeUntaken() {
            if (taken) {
                return;
            }
            taken = true;
            try {
                result().close();
            } catch (Exception ignored) {
                // nothing started, or stopping failed: either way nothing of ours is left to stop
            }
        }

        private T result() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
