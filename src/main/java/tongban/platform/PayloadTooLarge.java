package tongban.platform;

import java.io.IOException;
import org.springframework.http.HttpStatus;

/** Thrown by {@link RequestLimitFilter}'s stream when a body grows past the limit; may arrive wrapped. */
final class PayloadTooLarge extends IOException {

    private final long limit;

    PayloadTooLarge(long limit) {
        super("request body over " + limit + " bytes", null);
        this.limit = limit;
    }

    ApiProblem problem() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "the request body is larger than " + limit + " bytes");
    }

    static PayloadTooLarge within(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLarge p) {
                return p;
            }
        }
        return null;
    }
}
