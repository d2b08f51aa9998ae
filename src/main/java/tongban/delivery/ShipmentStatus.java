package tongban.delivery;

/**
 * Where a parcel is (寄递状态), in the order a parcel moves: a status never goes back to an earlier one, so an event the
 * carrier sends late (a "collected" after "delivered") is kept in the timeline and changes nothing.
 */
public enum ShipmentStatus {
    /** waiting for the carrier to accept the order (retried while the carrier cannot be reached) */
    PENDING,
    /** the carrier accepted the order and gave a tracking number (运单号) */
    CREATED,
    /** the courier collected the parcel (已揽收) */
    COLLECTED,
    /** on its way (运输中) */
    IN_TRANSIT,
    /** with the courier for delivery (派送中) */
    OUT_FOR_DELIVERY,
    /** signed for (已签收) */
    DELIVERED,
    /** could not be delivered (拒收, 无人签收…) and is held at the district's window for collection (退回窗口) */
    RETURNED_TO_WINDOW;

    /** Whether the parcel has reached its end. */
    public boolean finished() {
        return this == DELIVERED || this == RETURNED_TO_WINDOW;
    }

    /** Whether an event reporting {@code next} moves a parcel that is here. */
    boolean movesTo(ShipmentStatus next) {
        return !finished() && next.ordinal() > ordinal();
    }
}
