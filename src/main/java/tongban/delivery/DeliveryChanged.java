package tongban.delivery;

import tongban.audit.Audited;

/**
 * A shipment moved ({@code DELIVERY_SHIPPED}, {@code DELIVERY_COLLECTED}… {@code DELIVERY_DELIVERED},
 * {@code DELIVERY_RETURNED_TO_WINDOW}); logged against its application, so the applicant's timeline shows it.
 */
record DeliveryChanged(String actor, String action, String target, Object detail) implements Audited {

    static DeliveryChanged of(String actor, java.util.UUID application, ShipmentStatus status, Object detail) {
        String action = status == ShipmentStatus.CREATED ? "DELIVERY_SHIPPED" : "DELIVERY_" + status.name();
        return new DeliveryChanged(actor, action, "application/" + application, detail);
    }
}
