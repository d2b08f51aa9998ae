package tongban.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code code}: ours ({@link ApiProblem}),
 * Spring's own 4xx, and anything unexpected as {@code INTERNAL_ERROR} without a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** How long a client is asked to wait when a store we depend on is away (a restart takes seconds). */
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> api(ApiProblem problem, HttpServletRequest request) {
        ResponseEntity<Object> response = respond(Problems.of(problem, request.getRequestURI()));
        return problem.retryAfter().map(after -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, after.toSeconds())))
                        .body(response.getBody()))
                .orElse(response);
    }

    /** The object store or database is down: the caller may retry; nothing half-done was kept. */
    @ExceptionHandler(tongban.archive.ArchiveUnavailableException.class)
    ResponseEntity<Object> unavailable(RuntimeException e, HttpServletRequest request) {
        log.warn("archive unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return api(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "ARCHIVE_UNAVAILABLE",
                "the archive is unavailable just now; try again shortly").retryAfter(OUTAGE_RETRY), request);
    }

    /** A multipart body cut short or without its boundary: the client's fault, told plainly. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> brokenMultipart(Exception e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(Problems.of(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "the upload is larger than allowed"), request.getRequestURI()));
        }
        return respond(Problems.of(new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_MULTIPART",
                "the multipart/form-data body cannot be read"), request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        PayloadTooLarge tooLarge = PayloadTooLarge.within(e);
        if (tooLarge != null) {
            return api(tooLarge.problem(), request);
        }
        if (databaseAway(e)) {
            log.warn("database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return api(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE",
                    "the database is unavailable just now; send the same request again shortly").retryAfter(OUTAGE_RETRY),
                    request);
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "an unexpected error occurred; it has been logged"), request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        PayloadTooLarge tooLarge = PayloadTooLarge.within(ex);
        if (tooLarge != null) {
            return respond(Problems.of(tooLarge.problem(), null));
        }
        String code = codeOf(ex, status);
        String detail = switch (code) {
            case "MALFORMED_JSON" -> "the request body is not valid JSON of the expected shape";
            case "INTERNAL_ERROR" -> "an unexpected error occurred; it has been logged";
            default -> body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : ex.getMessage();
        };
        if (status.is5xxServerError()) {
            log.error("unexpected error", ex);
        }
        HttpStatus resolved = HttpStatus.valueOf(status.value());
        ResponseEntity<Object> response = respond(Problems.of(new ApiProblem(resolved, code, detail), null));
        return ResponseEntity.status(resolved).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(response.getBody());
    }

    /**
     * PostgreSQL cannot be reached, restarts, or has no connection to spare in time: a passing state, not a bug
     * (SQLState class 08 is a connection failure, 57P0x a server shutting down or starting; a transaction that
     * cannot even be rolled back lost its connection).
     */
    private static boolean databaseAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private static String codeOf(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMessageNotReadableException) {
            return "MALFORMED_JSON";
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "UNSUPPORTED_MEDIA_TYPE";
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return "NOT_ACCEPTABLE";
        } else if (ex instanceof HttpRequestMethodNotSupportedException) {
            return "METHOD_NOT_ALLOWED";
        } else if (ex instanceof NoResourceFoundException) {
            return "NOT_FOUND";
        } else if (ex instanceof MaxUploadSizeExceededException) {
            return "PAYLOAD_TOO_LARGE";
        } else if (ex instanceof MissingServletRequestParameterException) {
            return "MISSING_PARAMETER";
        } else if (ex instanceof MissingServletRequestPartException) {
            return "MISSING_PART";
        }
        return status.is5xxServerError() ? "INTERNAL_ERROR" : "BAD_REQUEST";
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Builds the problem body; also used by the security entry points, which answer outside MVC. */
    static final class Problems {
        private Problems() {
        }

        static ProblemDetail of(ApiProblem problem, String instance) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
            body.setTitle(problem.status().getReasonPhrase());
            body.setProperty("code", problem.code());
            if (problem.field() != null) {
                body.setProperty("field", problem.field());
            }
            if (!problem.errors().isEmpty()) {
                body.setProperty("errors", problem.errors());
            }
            if (instance != null) {
                body.setInstance(URI.create(instance));
            }
            return body;
        }
    }
}
