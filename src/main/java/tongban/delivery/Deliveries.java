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
        return store.ofApplication(application).filter(s -> s.username().equals(username)).map(this::view);
    }

    /**
     * The shipment of an application served by the window officers of {@code district} (a returned parcel waits at
     * their window); empty for another district's.
     */
    Optional<DeliveryView> ofDistrict(String district, UUID application) {
        return store.ofApplication(application).filter(s -> district.equals(s.district())).map(this::view);
    }

    private DeliveryView view(ShipmentStore.Row s) {
        return new DeliveryView(s.application(), s.carrier(), s.trackingNumber(), s.status(), s.recipient(),
                PostalAddress.mask(s.phone()), s.documentId(), s.failure(),
                s.status() == ShipmentStatus.RETURNED_TO_WINDOW ? s.districtName() : null,
                store.events(s.id()));
    }
}
