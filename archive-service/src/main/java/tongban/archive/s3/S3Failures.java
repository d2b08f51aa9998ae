package tongban.archive.s3;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.util.Set;
import tongban.archive.ObjectStoreException;

/** Reads the MinIO client's failures: HTTP status, S3 error code, transient or not. */
final class S3Failures {

    private static final Set<Integer> TRANSIENT_STATUS = Set.of(500, 502, 503, 504);
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout");

    private S3Failures() {
    }

    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException error) {
                return error.response().code();
            }
            if (t instanceof ServerException server) {
                return server.statusCode();
            }
        }
        return -1;
    }

    static boolean hasCode(Throwable e, String... codes) {
        String code = code(e);
        for (String candidate : codes) {
            if (candidate.equals(code)) {
                return true;
            }
        }
        return false;
    }

    static boolean isMissing(Throwable e) {
        return hasCode(e, "NoSuchKey", "NoSuchObject", "NoSuchVersion");
    }

    static boolean isTransient(Throwable e) {
        String code = code(e);
        if (TRANSIENT_STATUS.contains(status(e)) || (code != null && TRANSIENT_CODES.contains(code))) {
            return true;
        }
        // connection refused or reset, timeouts, truncated responses: the MinIO client wraps them, sometimes twice
        return status(e) == -1 && ioCause(e) != null;
    }

    /**
     * An exception that names the operation and the S3 error without the client's exception: its message carries the
     * request's headers, user metadata included, which must not reach a log.
     */
    static ObjectStoreException translate(String what, Throwable e) {
        boolean transientFailure = isTransient(e);
        IOException io = status(e) == -1 ? ioCause(e) : null;
        return new ObjectStoreException(what + ": " + summary(e), io, transientFailure);
    }

    static String summary(Throwable e) {
        int status = status(e);
        if (status != -1) {
            String code = code(e);
            return (code == null ? "error" : code) + " (HTTP " + status + ")";
        }
        IOException io = ioCause(e);
        Throwable shown = io != null ? io : e;
        return shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
    }

    private static String code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException error && error.errorResponse() != null) {
                return error.errorResponse().code();
            }
        }
        return null;
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
