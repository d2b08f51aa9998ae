package tongban.platform;

import java.util.List;
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

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, null, List.of());
    }

    public ApiProblem(HttpStatus status, String code, String detail, String field, List<String> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.errors = List.copyOf(errors);
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
}
