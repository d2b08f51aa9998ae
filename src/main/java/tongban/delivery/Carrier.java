package tongban.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A carrier (承运商) as the platform ships through it: its order in the carrier's own request format and signature, and
 * its tracking events in the carrier's own push format. The order number is our shipment's id, so a retried order
 * (after a time-out) names the same parcel and the carrier never takes two.
 */
interface Carrier {

    /** The carrier's id in URLs, settings and records: {@code ems} or {@code sf}. */
    String id();

    /**
     * Places the order for the parcel and answers the carrier's tracking number (运单号).
     *
     * @throws Unavailable when the carrier cannot be reached or answers with a fault of its own: try again later
     * @throws Refused when the carrier refuses the order itself (e.g. an address it cannot serve)
     */
    String place(Parcel parcel);

    /** The events of a push body in the carrier's format; {@link NotificationRefused} if it is not one. */
    List<TrackingEvent> events(byte[] body);

    /** A push body in the carrier's format reporting {@code event} (what the sandbox carrier sends). */
    byte[] push(TrackingEvent event);

    /** The answer the carrier expects to a push it sent, once taken. */
    String acknowledgement();

    /**
     * What the carrier is given: the order number, the printed document, the recipient and where from (the sender
     * is the platform's mail room, {@code tongban.delivery.sender.*}).
     */
    record Parcel(UUID order, UUID documentId, String recipient, String phone, String address, Sender sender) {
    }

    /** Who posts: the platform's mail room (寄件方). */
    record Sender(String name, String phone, String address) {
    }

    /**
     * One tracking event: the carrier's id of it (duplicates share it), the tracking number and our order number,
     * what it reports, when and where, and for a failed delivery why ({@code REFUSED} 拒收, {@code NOBODY_HOME}
     * 无人签收…).
     */
    record TrackingEvent(String eventId, String trackingNumber, String order, ShipmentStatus status, Instant at,
                         String location, String reason) {
    }

    /** The carrier could not be reached or failed on its side; nothing was shipped that a retry would double. */
    final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The carrier refused the order. */
    final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
