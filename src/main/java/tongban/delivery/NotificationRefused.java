package tongban.delivery;

/** A carrier's notification that is not taken, with the stable code it is answered with; nothing was changed. */
final class NotificationRefused extends RuntimeException {

    /** Why, by the stable code the API answers with. */
    enum Reason {
        UNKNOWN_CARRIER, NOTIFICATION_MALFORMED, NOTIFICATION_SIGNATURE_INVALID, NOTIFICATION_STALE,
        NOTIFICATION_REPLAYED, UNKNOWN_TRACKING_NUMBER
    }

    final Reason reason;
    final String field;

    NotificationRefused(Reason reason, String message, String field) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }
}
