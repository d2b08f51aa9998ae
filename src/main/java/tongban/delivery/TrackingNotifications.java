package tongban.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.delivery.NotificationRefused.Reason;

/**
 * Takes a carrier's tracking notification: its signature under the carrier's own secret, a timestamp within
 * {@code tongban.delivery.notification-window} (5 minutes) of now, a nonce not seen before (kept in PostgreSQL, so a
 * replay to another node is refused too) and a body in the carrier's format naming a parcel of ours. Then, in one
 * transaction with the nonce, each event is recorded once (a duplicate is taken and changes nothing) and moves the
 * shipment only forward. Anything refused changes nothing.
 */
@Component
class TrackingNotifications {

    private static final Logger log = LoggerFactory.getLogger(TrackingNotifications.class);
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    /** A notification as it arrived: the carrier named in the path, the three signature headers and the raw body. */
    record Notification(String carrier, String timestamp, String nonce, String signature, byte[] body) {
    }

    private final Carriers carriers;
    private final ShipmentStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration window;

    TrackingNotifications(Carriers carriers, ShipmentStore store, ApplicationEventPublisher events,
                          PlatformTransactionManager transactions, Clock clock,
                          @Value("${tongban.delivery.notification-window:5m}") Duration window) {
        this.carriers = carriers;
        this.store = store;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.window = window;
    }

    /** Takes the notification and answers the acknowledgement the carrier expects; {@link NotificationRefused} if not. */
    String take(Notification n) {
        Carrier carrier = carriers.carrier(n.carrier()).orElseThrow(() ->
                new NotificationRefused(Reason.UNKNOWN_CARRIER, "no carrier is called so", null));
        CarrierAccount account = carriers.account(n.carrier()).orElseThrow();
        header(n.timestamp(), TIMESTAMP, NotificationSignature.TIMESTAMP, "epoch seconds");
        header(n.nonce(), NONCE, NotificationSignature.NONCE, "16 to 64 of A-Za-z0-9_-");
        if (n.signature() == null || n.signature().isBlank()) {
            throw new NotificationRefused(Reason.NOTIFICATION_MALFORMED, "the notification is not signed",
                    NotificationSignature.SIGNATURE);
        }
        if (!NotificationSignature.verify(account.webhookSecret(), n.timestamp(), n.nonce(), n.body(), n.signature())) {
            log.warn("{} notification refused: its signature does not verify", carrier.id());
            throw new NotificationRefused(Reason.NOTIFICATION_SIGNATURE_INVALID,
                    "the signature does not verify under this carrier's secret", NotificationSignature.SIGNATURE);
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(Long.parseLong(n.timestamp()));
        if (Duration.between(sent, now).abs().compareTo(window) > 0) {
            throw new NotificationRefused(Reason.NOTIFICATION_STALE, "the timestamp is more than "
                    + window.toMinutes() + " minutes from now", NotificationSignature.TIMESTAMP);
        }
        List<Carrier.TrackingEvent> reported = carrier.events(n.body());
        transaction.executeWithoutResult(tx -> {
            if (!store.firstNonce(carrier.id(), n.nonce(), now)) {
                throw new NotificationRefused(Reason.NOTIFICATION_REPLAYED, "this nonce was used before",
                        NotificationSignature.NONCE);
            }
            Map<String, ShipmentStore.Row> shipments = new HashMap<>();
            for (Carrier.TrackingEvent e : reported) {
                ShipmentStore.Row row = shipments.computeIfAbsent(e.trackingNumber(), t -> store.byTrackingNumber(
                        carrier.id(), t).orElseThrow(() -> new NotificationRefused(Reason.UNKNOWN_TRACKING_NUMBER,
                        "no parcel of ours has this tracking number", null)));
                if (!store.event(row.id(), e.eventId(), e.status(), e.at(), e.location(), now)
                        || !row.status().movesTo(e.status())) {
                    continue;
                }
                String failure = e.status() == ShipmentStatus.RETURNED_TO_WINDOW
                        ? (e.reason() == null ? "DELIVERY_FAILED" : e.reason()) : null;
                if (store.move(row.id(), row.status(), e.status(), failure, now)) {
                    events.publishEvent(DeliveryChanged.of("carrier:" + carrier.id(), row.application(), e.status(),
                            failure == null ? Map.of("trackingNumber", row.trackingNumber())
                                    : Map.of("trackingNumber", row.trackingNumber(), "reason", failure)));
                    shipments.put(e.trackingNumber(), store.find(row.id()).orElseThrow());
                }
            }
        });
        return carrier.acknowledgement();
    }

    private static void header(String value, Pattern pattern, String name, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new NotificationRefused(Reason.NOTIFICATION_MALFORMED, "the header must be " + what, name);
        }
    }
}
