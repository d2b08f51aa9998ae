package tongban.delivery;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;
import tongban.platform.Roles;
import tongban.platform.Staff;

/**
 * {@code GET /api/v1/applications/{id}/delivery} (the applicant's own, or for a window officer one of the officer's
 * district, where a returned parcel waits; any other is 404, never 403) and
 * {@code POST /api/v1/deliveries/notify/{carrier}} (the carrier's signed tracking notification).
 */
@RestController
class DeliveryController {

    private final Deliveries deliveries;
    private final TrackingNotifications notifications;

    DeliveryController(Deliveries deliveries, TrackingNotifications notifications) {
        this.deliveries = deliveries;
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/applications/{id}/delivery")
    DeliveryView delivery(@PathVariable String id, Authentication login) {
        UUID application;
        try {
            application = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        boolean officer = login.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.OFFICER));
        return (officer ? Staff.district(login).flatMap(d -> deliveries.ofDistrict(d, application))
                : deliveries.of(login.getName(), application)).orElseThrow(DeliveryController::notFound);
    }

    @PostMapping("/api/v1/deliveries/notify/{carrier}")
    ResponseEntity<String> notify(@PathVariable String carrier,
                                  @RequestHeader(name = NotificationSignature.TIMESTAMP, required = false) String timestamp,
                                  @RequestHeader(name = NotificationSignature.NONCE, required = false) String nonce,
                                  @RequestHeader(name = NotificationSignature.SIGNATURE, required = false) String signature,
                                  @RequestBody(required = false) byte[] body) {
        try {
            String ack = notifications.take(new TrackingNotifications.Notification(carrier, timestamp, nonce, signature,
                    body == null ? new byte[0] : body));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ack);
        } catch (NotificationRefused e) {
            HttpStatus status = switch (e.reason) {
                case UNKNOWN_CARRIER, UNKNOWN_TRACKING_NUMBER -> HttpStatus.NOT_FOUND;
                case NOTIFICATION_SIGNATURE_INVALID, NOTIFICATION_STALE -> HttpStatus.UNAUTHORIZED;
                case NOTIFICATION_REPLAYED -> HttpStatus.CONFLICT;
                case NOTIFICATION_MALFORMED -> HttpStatus.BAD_REQUEST;
            };
            throw new ApiProblem(status, e.reason.name(), e.getMessage(), e.field, java.util.List.of());
        }
    }

    private static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "DELIVERY_NOT_FOUND",
                "no shipment of a paper document for an application of yours has this id");
    }
}
