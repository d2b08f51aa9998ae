package tongban.payment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.platform.ApiProblem;
import tongban.platform.DomainErrors;

/** Payment's errors as problems: a provider that cannot be reached is 503 with Retry-After, never a half-made payment. */
@Component
class PaymentErrors implements DomainErrors {

    /** When a client may try a provider again that could not be reached. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    @Override
    public Optional<ApiProblem> problemOf(RuntimeException error) {
        if (error instanceof PaymentRefused e) {
            HttpStatus status = switch (e.reason()) {
                case PAYMENT_NOT_FOUND, UNKNOWN_CHANNEL, ORDER_UNKNOWN -> HttpStatus.NOT_FOUND;
                case CHANNEL_REQUIRED, NOTIFICATION_REJECTED -> HttpStatus.BAD_REQUEST;
                case ORDER_NOT_PAYABLE, AMOUNT_MISMATCH, NOTIFICATION_OUT_OF_ORDER -> HttpStatus.CONFLICT;
            };
            return Optional.of(new ApiProblem(status, e.reason().name(), e.getMessage(), e.field(), List.of()));
        }
        if (error instanceof PaymentChannel.ChannelUnavailable) {
            return Optional.of(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "CHANNEL_UNAVAILABLE",
                    "the payment provider cannot be reached just now; nothing was charged; try again later")
                    .retryAfter(RETRY_AFTER));
        }
        return Optional.empty();
    }
}
