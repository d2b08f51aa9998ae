package tongban.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.platform.ApiProblem;
import tongban.platform.DomainErrors;

/** The acceptance use cases' errors as problems, in one place: the client may send the same request again after Retry-After. */
@Component
class AcceptanceErrors implements DomainErrors {

    @Override
    public Optional<ApiProblem> problemOf(RuntimeException error) {
        if (error instanceof SubmitApplication.Refused e) {
            HttpStatus status = switch (e.reason()) {
                case UNKNOWN_ITEM, APPLICATION_NOT_FOUND -> HttpStatus.NOT_FOUND;
                case IDEMPOTENCY_KEY_REUSED, NOT_AWAITING_VISIT -> HttpStatus.CONFLICT;
                default -> HttpStatus.BAD_REQUEST;
            };
            return Optional.of(new ApiProblem(status, e.reason().name(), e.getMessage(), e.field(), List.of()));
        }
        if (error instanceof SubmitApplication.RequestInProgress e) {
            return Optional.of(new ApiProblem(HttpStatus.CONFLICT, "REQUEST_IN_PROGRESS", e.getMessage())
                    .retryAfter(e.retryAfter()));
        }
        if (error instanceof SubmitApplication.InspectionBusy e) {
            return Optional.of(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "INSPECTION_BUSY", e.getMessage())
                    .retryAfter(Duration.ofSeconds(2)));
        }
        if (error instanceof SubmitApplication.IssuingFailed e) {
            return Optional.of(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "ISSUING_FAILED", e.getMessage())
                    .retryAfter(Duration.ofSeconds(5)));
        }
        return Optional.empty();
    }
}
