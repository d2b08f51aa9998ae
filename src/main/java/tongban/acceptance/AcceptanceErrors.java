package tongban.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.platform.ApiProblem;
import tongban.platform.DomainErrors;

/** The acceptance use cases' errors as problems, in one place: the client may send the same request again after Retry-After. */
@Component
class AcceptanceErrors implements DomainErrors {

    @Override
    public Optional<ApiProblem> problemOf(RuntimeException error) {
        return problem(error);
    }

    /**
     * Runs a use case for a page, which shows a refusal on the page rather than answering it: its domain error comes
     * out as the problem the API would answer.
     */
    static <T> T asProblem(Supplier<T> useCase) {
        try {
            return useCase.get();
        } catch (RuntimeException e) {
            Optional<ApiProblem> problem = problem(e);
            if (problem.isPresent()) {
                throw problem.get();
            }
            throw e;
        }
    }

    private static Optional<ApiProblem> problem(RuntimeException error) {
        if (error instanceof WindowOfficer.Refused e) {
            HttpStatus status = switch (e.reason) {
                case NO_DISTRICT -> HttpStatus.FORBIDDEN;
                case APPLICATION_NOT_FOUND, APPLICANT_NOT_FOUND, MATERIAL_NOT_FOUND, UNKNOWN_ITEM -> HttpStatus.NOT_FOUND;
                case NOT_AWAITING_VISIT, ALREADY_CHECKED, IN_PERSON_CHECK_REQUIRED -> HttpStatus.CONFLICT;
                case APPLICANT_HAS_NO_ACCOUNT -> HttpStatus.UNPROCESSABLE_CONTENT;
                case UNKNOWN_STEP, INVALID_CHECK, INVALID_PAGE, INVALID_APPLICANT -> HttpStatus.BAD_REQUEST;
            };
            return Optional.of(new ApiProblem(status, e.reason.name(), e.getMessage(), e.field, List.of()));
        }
        if (error instanceof SubmitApplication.Refused e) {
            HttpStatus status = switch (e.reason()) {
                case UNKNOWN_ITEM, APPLICATION_NOT_FOUND -> HttpStatus.NOT_FOUND;
                case IDEMPOTENCY_KEY_REUSED, NOT_AWAITING_VISIT, NOT_WITHDRAWABLE, NOT_REFUSABLE -> HttpStatus.CONFLICT;
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
