package tongban.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Shipments, their tracking events and the notifications' nonces in PostgreSQL. Every method is one statement: a caller
 * that talks to a carrier holds no connection meanwhile, and one that needs several in one transaction opens it.
 */
@Component
class ShipmentStore {

    /** A shipment row; {@code districtName} from the district table, for the window that holds a returned parcel. */
    record Row(UUID id, UUID application, String username, UUID documentId, String carrier, ShipmentStatus status,
               String trackingNumber, String recipient, String phone, String address, String district,
               String districtName, String failure, int attempts) {
    }

    /** A new shipment, in {@code status} PENDING (to be placed with the carrier) or RETURNED_TO_WINDOW. */
    record NewShipment(UUID application, String username, UUID documentId, String carrier, ShipmentStatus status,
                       String recipient, String phone, String address, String district, String failure) {
    }

    private static final String SELECT = "select s.*, d.name as district_name from shipment s "
            + "left join district d on d.code = s.district ";

    private final JdbcClient jdbc;

    ShipmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the application's shipment unless it has one (the unique application id decides); true if stored. */
    boolean create(NewShipment s, Instant now) {
        return jdbc.sql("insert into shipment (id, application_id, username, document_id, carrier, status, recipient, "
                        + "phone, address, district, failure, next_attempt_at, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (application_id) do nothing")
                .params(UUID.randomUUID(), s.application(), s.username(), s.documentId(), s.carrier(), s.status().name(),
                        s.recipient(), s.phone(), s.address(), s.district(), s.failure(),
                        s.status() == ShipmentStatus.PENDING ? Timestamp.from(now) : null, Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    Optional<Row> ofApplication(UUID application) {
        return jdbc.sql(SELECT + "where s.application_id = ?").param(application).query(ShipmentStore::row).optional();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql(SELECT + "where s.id = ?").param(id).query(ShipmentStore::row).optional();
    }

    Optional<Row> byTrackingNumber(String carrier, String trackingNumber) {
        return jdbc.sql(SELECT + "where s.carrier = ? and s.tracking_number = ?").params(carrier, trackingNumber)
                .query(ShipmentStore::row).optional();
    }

    /**
     * Takes one PENDING shipment that is due and puts its next attempt off by the backoff of its attempts so far
     * ({@code initial} doubled each time, at most {@code max}), in one committed statement: a caller that dies while
     * talking to the carrier leaves it to be tried again then, and two callers never take the same one.
     */
    Optional<Row> claimDue(Duration initial, Duration max) {
        return jdbc.sql("with due as (select id from shipment where status = 'PENDING' and next_attempt_at <= clock_timestamp() "
                        + "order by next_attempt_at limit 1 for update skip locked) "
                        + "update shipment s set attempts = s.attempts + 1, next_attempt_at = clock_timestamp() "
                        + "+ least(? * power(2, least(s.attempts, 30)), ?) * interval '1 millisecond' "
                        + "from due where s.id = due.id returning s.id")
                .params(initial.toMillis(), max.toMillis()).query(UUID.class).optional().flatMap(this::find);
    }

    /** The carrier accepted the order: its tracking number; false if the shipment was no longer PENDING. */
    boolean placed(UUID id, String trackingNumber, Instant now) {
        return jdbc.sql("update shipment set status = 'CREATED', tracking_number = ?, next_attempt_at = null, "
                        + "last_error = null, updated_at = ? where id = ? and status = 'PENDING'")
                .params(trackingNumber, Timestamp.from(now), id).update() == 1;
    }

    /** Why the last attempt failed (for operators; no personal data), the next one already being scheduled. */
    void attemptFailed(UUID id, String error, Instant now) {
        jdbc.sql("update shipment set last_error = ?, updated_at = ? where id = ?")
                .params(error, Timestamp.from(now), id).update();
    }

    /**
     * Moves the shipment from {@code from} to {@code to} (with the failure, for a parcel going to the window); at
     * its end the phone and address are erased, as nothing needs them any more. False if it was not at {@code from}.
     */
    boolean move(UUID id, ShipmentStatus from, ShipmentStatus to, String failure, Instant now) {
        String erase = to.finished() ? ", phone = null, address = null, next_attempt_at = null" : "";
        return jdbc.sql("update shipment set status = ?, failure = coalesce(?, failure), updated_at = ?" + erase
                        + " where id = ? and status = ?")
                .params(to.name(), failure, Timestamp.from(now), id, from.name()).update() == 1;
    }

    /** Records a tracking event unless one with its id is there already; true if it is new. */
    boolean event(UUID shipment, String eventId, ShipmentStatus status, Instant at, String location, Instant now) {
        return jdbc.sql("insert into shipment_event (shipment_id, event_id, status, at, location, received_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(shipment, eventId, status.name(), Timestamp.from(at), location, Timestamp.from(now)).update() == 1;
    }

    List<DeliveryView.Event> events(UUID shipment) {
        return jdbc.sql("select status, at, location from shipment_event where shipment_id = ? order by at, received_at")
                .param(shipment)
                .query((rs, n) -> new DeliveryView.Event(ShipmentStatus.valueOf(rs.getString(1)),
                        rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .list();
    }

    /** Remembers a notification's nonce; false if the carrier's nonce was seen before (a replay). */
    boolean firstNonce(String carrier, String nonce, Instant now) {
        return jdbc.sql("insert into delivery_nonce (carrier, nonce, seen_at) values (?, ?, ?) on conflict do nothing")
                .params(carrier, nonce, Timestamp.from(now)).update() == 1;
    }

    /** Forgets nonces seen before {@code before}: a notification that old is refused by its timestamp anyway. */
    int forgetNonces(Instant before) {
        return jdbc.sql("delete from delivery_nonce where seen_at < ?").param(Timestamp.from(before)).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                rs.getString("username"), rs.getObject("document_id", UUID.class), rs.getString("carrier"),
                ShipmentStatus.valueOf(rs.getString("status")), rs.getString("tracking_number"),
                rs.getString("recipient"), rs.getString("phone"), rs.getString("address"), rs.getString("district"),
                rs.getString("district_name"), rs.getString("failure"), rs.getInt("attempts"));
    }
}
