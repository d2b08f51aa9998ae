package tongban.platform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * An error a client caused or must be told about, answered as problem+json with a stable {@code code}
 * (never renamed), the JSON path of the field at fault, and any itemised {@code errors}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;
    private final List<String> errors;
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, null, List.of());
    }

    public ApiProblem(HttpStatus status, String code, String detail, String field, List<String> errors) {
        this(status, code, detail, field, errors, null);
    }

    private ApiProblem(HttpStatus status, String code, String detail, String field, List<String> errors,
                       Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** The same problem, answered with a {@code Retry-After} header: the client may send the request again then. */
    public ApiProblem retryAfter(Duration after) {
        return new ApiProblem(status, code, getMessage(), field, errors, after);
    }

    public static ApiProblem invalidFacts(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_FACTS", detail, field, List.of());
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<String> errors() {
        return errors;
    }

    /** When the client may try again, if the answer says so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
