package tongban.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A shipment as its applicant sees it: the carrier, its tracking number (null until the carrier gave one), where the
 * parcel is, the recipient with the phone masked, the printed document, the district's window that holds a parcel
 * that came back (and why), and the carrier's events in the order they happened.
 */
public record DeliveryView(UUID application, String carrier, String trackingNumber, ShipmentStatus status,
                           String recipient, String phone, UUID documentId, String failure, String window,
                           List<Event> events) {

    /** A tracking event: what it reports, when, and where the carrier saw the parcel. */
    public record Event(ShipmentStatus status, Instant at, String location) {
    }
}
