package tongban.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tongban.identity.Subject;
import tongban.payment.PaymentOrders.Order;
import tongban.platform.ApiProblem;

/**
 * Payment as the pages see it (the portal's result page, {@code /me}): an applicant's own orders and starting to pay
 * one. A refusal comes out as the {@link ApiProblem} the API would answer, for the page to show.
 */
@Component
public class PaymentDesk {

    /**
     * An order as its payer sees it: the amount in yuan as text (exact, from fen), the status (UNPAID, PAID, REFUNDED,
     * CLOSED), the channels it may be paid by while unpaid, and its receipt once issued.
     */
    public record Summary(UUID application, String orderNumber, String status, String amount, String description,
                          List<String> channels, Instant expiresAt, String paidBy, UUID receiptId,
                          String receiptNumber) {
    }

    private final Payments payments;
    private final PaymentErrors errors;

    PaymentDesk(Payments payments, PaymentErrors errors) {
        this.payments = payments;
        this.errors = errors;
    }

    public Optional<Summary> of(Subject subject, UUID application) {
        try {
            return Optional.of(summary(payments.of(subject, application)));
        } catch (PaymentRefused notFound) {
            return Optional.empty();
        }
    }

    /** The subject's orders, newest first. */
    public List<Summary> of(Subject subject) {
        return payments.of(subject).stream().map(this::summary).toList();
    }

    /** Starts paying by a channel: what the payer's client needs (e.g. {@code code_url} for a QR code, a pay page). */
    public Map<String, String> start(Subject subject, UUID application, String channel) {
        try {
            return payments.start(subject, application, channel).client();
        } catch (RuntimeException e) {
            throw errors.problemOf(e).orElseThrow(() -> e);
        }
    }

    private Summary summary(Order o) {
        return new Summary(o.application(), o.number(), o.status().name(),
                BigDecimal.valueOf(o.amountFen(), 2).toPlainString(), o.description(),
                o.status() == PaymentOrders.Status.UNPAID ? payments.channels() : List.of(), o.expiresAt(), o.channel(),
                o.receiptId(), o.receiptNumber());
    }
}
