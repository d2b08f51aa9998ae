package tongban.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code code}: ours ({@link ApiProblem}),
 * Spring's own 4xx, and anything unexpected as {@code INTERNAL_ERROR} without a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** How long a client is asked to wait when a store we depend on is away (a restart takes seconds). */
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);

    private final List<DomainErrors> domainErrors;

    ProblemHandler(List<DomainErrors> domainErrors) {
        this.domainErrors = List.copyOf(domainErrors);
    }

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

    /**
     * An archived object failed its integrity check (its bytes differ from the registered SHA-256, or it is gone).
     * Nothing the caller can change and no retry helps until an operator restores it from a copy: 500 with a code of
     * its own, and an ALERT line for the operators' log monitoring.
     */
    @ExceptionHandler(tongban.archive.IntegrityException.class)
    ResponseEntity<Object> damaged(RuntimeException e, HttpServletRequest request) {
        log.error("ALERT archive object damaged on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return respond(Problems.of(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "ARCHIVE_OBJECT_DAMAGED",
                "the archived document failed its integrity check and is not served; the operators have been alerted"),
                request.getRequestURI()));
    }

    /** A multipart body cut short or without its boundary: the client's fault, told plainly. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> brokenMultipart(Exception e, HttpServletRequest request) {
        if (tooManyParts(e)) {
            return respond(Problems.of(TOO_MANY_PARTS, request.getRequestURI()));
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(Problems.of(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "the upload is larger than allowed"), request.getRequestURI()));
        }
        return respond(Problems.of(new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_MULTIPART",
                "the multipart/form-data body cannot be read"), request.getRequestURI()));
    }

    private static final ApiProblem TOO_MANY_PARTS = new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "TOO_MANY_PARTS",
            "the multipart body has more parts than allowed (server.tomcat.max-part-count): send the part"
                    + " 'application' and one file per material");

    /** Tomcat stops reading a multipart body at its part limit; Spring reports that as a size exceeded. */
    private static boolean tooManyParts(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof RuntimeException error) {
            for (DomainErrors errors : domainErrors) {
                Optional<ApiProblem> problem = errors.problemOf(error);
                if (problem.isPresent()) {
                    return api(problem.get(), request);
                }
            }
        }
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
        if (tooManyParts(ex)) {
            return respond(Problems.of(TOO_MANY_PARTS, null));
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
        } else if (ex instanceof MissingServletRequestParameterException) {
            return "MISSING_PARAMETER";
        } else if (ex instanceof MissingServletRequestPartException) {
            return "MISSING_PART";
        }
        return codeOf(status.value());
    }

    /** The code of an error known only by its status (Spring's own exceptions, the servlet container's errors). */
    static String codeOf(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
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

        /** Answers with the problem outside Spring MVC (filters, security handlers, the servlet container). */
        static void write(HttpServletResponse response, JsonMapper json, ApiProblem problem, String instance)
                throws IOException {
            response.setStatus(problem.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), of(problem, instance));
        }
    }
}
