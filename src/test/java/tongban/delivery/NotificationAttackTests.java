package tongban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.platform.Json;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;

/**
 * Every way a tracking notification can be wrong, sent to the SF Express endpoint (SF the chosen carrier here, played by
 * the sandbox): each is answered 4xx problem+json with its stable code, and the shipment and its timeline stay as they
 * were. A duplicate of a taken event is taken again and changes nothing; an event older than the parcel's status is
 * kept in the timeline and moves nothing back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.delivery.carrier=sf", "tongban.delivery.retry.initial=200ms", "tongban.delivery.dispatch-interval=1s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationAttackTests {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Carriers carriers;
    @Autowired
    JdbcClient jdbc;
    Http http;
    String application;
    String tracking;
    String order;

    @BeforeAll
    void aParcelOnItsWay() {
        http = new Http(port);
        application = PostedApplications.apply(http, PostedApplications.POSTAL).path("id").asString();
        JsonNode placed = PostedApplications.awaitPlaced(http, application);
        assertThat(placed.path("carrier").asString()).isEqualTo("sf");
        tracking = placed.path("trackingNumber").asString();
        assertThat(tracking).matches("SF[0-9]{13}");
        order = jdbc.sql("select id::text from shipment where application_id = ?").param(UUID.fromString(application))
                .query(String.class).single();
        assertThat(PostedApplications.advance(http, "sf", tracking, "collected").path("notified").asInt()).isEqualTo(200);
    }

    @Test
    void aForgedSignatureIsRefused() {
        byte[] body = event(ShipmentStatus.DELIVERED, tracking);
        refused(send("sf", now(), nonce(), body, "c2lnbmVkIGJ5IG5vYm9keQ=="), 401, "NOTIFICATION_SIGNATURE_INVALID");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String ts = now();
        String nonce = nonce();
        String signature = sign("sf", ts, nonce, event(ShipmentStatus.IN_TRANSIT, tracking));
        refused(send("sf", ts, nonce, event(ShipmentStatus.DELIVERED, tracking), signature), 401,
                "NOTIFICATION_SIGNATURE_INVALID");
    }

    @Test
    void aNotificationSignedWithTheOtherCarriersSecretIsRefused() {
        String ts = now();
        String nonce = nonce();
        byte[] body = event(ShipmentStatus.DELIVERED, tracking);
        refused(send("sf", ts, nonce, body, sign("ems", ts, nonce, body)), 401, "NOTIFICATION_SIGNATURE_INVALID");
    }

    @Test
    void aReplayedNotificationIsRefusedTheSecondTime() {
        String ts = now();
        String nonce = nonce();
        byte[] body = event(ShipmentStatus.IN_TRANSIT, tracking);
        String signature = sign("sf", ts, nonce, body);
        HttpResponse<String> first = send("sf", ts, nonce, body, signature);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"return_code\":\"0000\"");
        refused(send("sf", ts, nonce, body, signature), 409, "NOTIFICATION_REPLAYED");
        // the same nonce with a new body and a good signature is still a replay
        byte[] other = event(ShipmentStatus.OUT_FOR_DELIVERY, tracking);
        refused(send("sf", ts, nonce, other, sign("sf", ts, nonce, other)), 409, "NOTIFICATION_REPLAYED");
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedThoughWellSigned() {
        for (long offset : new long[] {-301, 301, -86_400}) {
            String ts = Long.toString(Instant.now().getEpochSecond() + offset);
            String nonce = nonce();
            byte[] body = event(ShipmentStatus.DELIVERED, tracking);
            refused(send("sf", ts, nonce, body, sign("sf", ts, nonce, body)), 401, "NOTIFICATION_STALE");
        }
    }

    @Test
    void malformedNotificationsAreRefusedWithTheFieldAtFault() {
        String[][] bodies = {
                {"{\"Body\": {\"WaybillRoute\": [", "$"},
                {"[]", "$"},
                {"{\"Body\": {\"WaybillRoute\": []}}", "$.Body.WaybillRoute"},
                {"{\"Body\": {\"WaybillRoute\": [{\"id\": \"x1\", \"opCode\": \"80\", \"acceptTime\": \"2026-12-04 10:00:00\"}]}}",
                        "$.Body.WaybillRoute[0].mailno"},
                {"{\"Body\": {\"WaybillRoute\": [{\"id\": \"x2\", \"mailno\": \"" + "T" + "\", \"opCode\": \"80\", "
                        + "\"acceptTime\": \"yesterday\"}]}}", "$.Body.WaybillRoute[0].acceptTime"}};
        for (String[] b : bodies) {
            String ts = now();
            String nonce = nonce();
            byte[] body = b[0].getBytes(StandardCharsets.UTF_8);
            JsonNode problem = refused(send("sf", ts, nonce, body, sign("sf", ts, nonce, body)), 400,
                    "NOTIFICATION_MALFORMED");
            assertThat(problem.path("field").asString()).as(b[0]).isEqualTo(b[1]);
        }
        byte[] body = event(ShipmentStatus.DELIVERED, tracking);
        refused(send("sf", "yesterday", nonce(), body, "x"), 400, "NOTIFICATION_MALFORMED");
        refused(send("sf", now(), "short", body, "x"), 400, "NOTIFICATION_MALFORMED");
        refused(send("sf", now(), nonce(), body, null), 400, "NOTIFICATION_MALFORMED");
    }

    @Test
    void anUnknownTrackingNumberOrCarrierIsNotFound() {
        String ts = now();
        String nonce = nonce();
        byte[] body = event(ShipmentStatus.DELIVERED, "SF0000000000000");
        refused(send("sf", ts, nonce, body, sign("sf", ts, nonce, body)), 404, "UNKNOWN_TRACKING_NUMBER");
        // refused as a whole, so its nonce was not spent either: nothing was written
        assertThat(jdbc.sql("select count(*) from delivery_nonce where nonce = ?").param(nonce).query(Integer.class)
                .single()).isZero();
        byte[] ours = event(ShipmentStatus.DELIVERED, tracking);
        refused(send("dhl", ts, nonce(), ours, sign("sf", ts, nonce, ours)), 404, "UNKNOWN_CARRIER");
    }

    @Test
    void duplicatesAreTakenOnceAndALateEventMovesNothingBack() {
        String id = PostedApplications.apply(http, PostedApplications.POSTAL).path("id").asString();
        String parcel = PostedApplications.awaitPlaced(http, id).path("trackingNumber").asString();
        byte[] delivered = event("late-1", ShipmentStatus.DELIVERED, parcel);
        assertThat(signedSend(delivered).statusCode()).isEqualTo(200);
        assertThat(signedSend(delivered).statusCode()).isEqualTo(200);
        assertThat(signedSend(event("late-2", ShipmentStatus.COLLECTED, parcel)).statusCode()).isEqualTo(200);
        JsonNode shipment = http.get("/api/v1/applications/" + id + "/delivery", "zhangsan").json();
        assertThat(shipment.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(shipment.path("events").findValuesAsString("status")).containsExactlyInAnyOrder("DELIVERED",
                "COLLECTED");
    }

    /** The shipment of {@link #aParcelOnItsWay} as the refusals must leave it: collected, one or two events in. */
    private JsonNode refused(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Json.read(answer.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        JsonNode shipment = http.get("/api/v1/applications/" + application + "/delivery", "zhangsan").json();
        assertThat(shipment.path("status").asString()).isIn("COLLECTED", "IN_TRANSIT");
        assertThat(shipment.path("events").findValuesAsString("status")).doesNotContain("DELIVERED", "OUT_FOR_DELIVERY");
        return problem;
    }

    private byte[] event(ShipmentStatus status, String trackingNumber) {
        return event(UUID.randomUUID().toString(), status, trackingNumber);
    }

    private byte[] event(String id, ShipmentStatus status, String trackingNumber) {
        return carriers.carrier("sf").orElseThrow().push(new Carrier.TrackingEvent(id, trackingNumber, order, status,
                Instant.now(), "上海市", null));
    }

    private HttpResponse<String> signedSend(byte[] body) {
        String ts = now();
        String nonce = nonce();
        return send("sf", ts, nonce, body, sign("sf", ts, nonce, body));
    }

    private String sign(String carrier, String ts, String nonce, byte[] body) {
        return NotificationSignature.sign(carriers.account(carrier).orElseThrow().webhookSecret(), ts, nonce, body);
    }

    private HttpResponse<String> send(String carrier, String ts, String nonce, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/deliveries/notify/" + carrier)).header("Content-Type", "application/json")
                .header(NotificationSignature.TIMESTAMP, ts).header(NotificationSignature.NONCE, nonce)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(NotificationSignature.SIGNATURE, signature);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
