package tongban.payment;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.acceptance.Applicants;
import tongban.identity.Subject;
import tongban.payment.PaymentOrders.Order;
import tongban.platform.ApiProblem;

/**
 * The payment API: an applicant's order and paying it by a channel, and the providers' notifications (public: they
 * are verified by the channel's own signature check, never by a login).
 */
@RestController
class PaymentController {

    private final Payments payments;
    private final Applicants applicants;
    private final long maxNotificationBytes;

    PaymentController(Payments payments, Applicants applicants,
                      @Value("${tongban.payment.max-notification-bytes:65536}") long maxNotificationBytes) {
        this.payments = payments;
        this.applicants = applicants;
        this.maxNotificationBytes = maxNotificationBytes;
    }

    /** The payment of an application's fee as its applicant sees it. */
    record PaymentView(UUID application, String orderNumber, String status, long amountFen, String amount,
                       String currency, String description, Instant expiresAt, List<String> channels,
                       String paidBy, String transactionId, Instant paidAt, Instant refundedAt,
                       Map<String, Map<String, String>> checkouts, Receipt receipt) {

        /** The sealed receipt, once issued. */
        record Receipt(UUID id, String number, String download, String verify) {
        }

        static PaymentView of(Order o, List<String> channels, Map<String, Map<String, String>> checkouts) {
            return new PaymentView(o.application(), o.number(), o.status().name(), o.amountFen(),
                    BigDecimal.valueOf(o.amountFen(), 2).toPlainString(), "CNY", o.description(),
                    o.expiresAt(), o.status() == PaymentOrders.Status.UNPAID ? channels : List.of(), o.channel(),
                    o.transactionId(), o.paidAt(), o.refundedAt(), checkouts,
                    o.receiptId() == null ? null : new Receipt(o.receiptId(), o.receiptNumber(),
                            "/api/v1/documents/" + o.receiptId() + "/pdf", "/verify/" + o.receiptId()));
        }
    }

    @GetMapping("/api/v1/applications/{id}/payment")
    PaymentView payment(@PathVariable String id, Authentication login) {
        Order order = payments.of(applicants.of(login), application(id));
        return PaymentView.of(order, payments.channels(), payments.checkouts(order));
    }

    /** Starts paying by {@code channel}: what the payer's client needs (a QR code's content, a page to pay on). */
    @PostMapping("/api/v1/applications/{id}/payment")
    PaymentChannel.Checkout pay(@PathVariable String id, @RequestParam(required = false) String channel,
                                Authentication login) {
        Subject subject = applicants.of(login);
        return payments.start(subject, application(id), channel);
    }

    /** A provider's notification: its raw body and headers go to the channel's verification as they came. */
    @PostMapping("/api/v1/payments/notify/{channel}")
    ResponseEntity<String> notify(@PathVariable String channel, HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        PaymentChannel.Acknowledgement ack = payments.notify(channel, new PaymentChannel.NotificationRequest(headers,
                body(request), request.getContentType()));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(ack.status());
        if (ack.contentType() != null) {
            answer.contentType(MediaType.parseMediaType(ack.contentType()));
        }
        return answer.body(ack.body());
    }

    private byte[] body(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxNotificationBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) maxNotificationBytes + 1);
            if (body.length > maxNotificationBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "a notification is at most " + maxNotificationBytes + " bytes");
    }

    private static UUID application(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PaymentRefused(PaymentRefused.Reason.PAYMENT_NOT_FOUND, "no such application: " + id, null);
        }
    }
}
