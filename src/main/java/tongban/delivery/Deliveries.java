package tongban.delivery;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tongban.acceptance.PostalAddress;

/** The shipments of paper documents as their applicants see them (the API and {@code /me}). */
@Component
public class Deliveries {

    private final ShipmentStore store;

    Deliveries(ShipmentStore store) {
        this.store = store;
    }

    /** The shipment of the application if it is {@code username}'s own; empty otherwise, or if it has none. */
    public Optional<DeliveryView> of(String username, UUID application) {
        return store.ofApplication(application).filter(s -> s.username().equals(username))
                .map(s -> new DeliveryView(s.application(), s.carrier(), s.trackingNumber(), s.status(), s.recipient(),
                        PostalAddress.mask(s.phone()), s.documentId(), s.failure(),
                        s.status() == ShipmentStatus.RETURNED_TO_WINDOW ? s.districtName() : null,
                        store.events(s.id())));
    }
}
