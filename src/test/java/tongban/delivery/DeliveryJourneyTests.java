package tongban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * A business licence issued with delivery POST is posted (EMS, the default carrier, played by the sandbox): the
 * shipment follows the carrier's signed notifications to "delivered", or back to the district's window when the
 * recipient refuses it (where the district's window officer sees it); another applicant never sees it; an address that is no address is refused with nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.delivery.retry.initial=200ms", "tongban.delivery.dispatch-interval=1s"})
class DeliveryJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aPostedLicenceIsFollowedToDelivered() {
        JsonNode issued = PostedApplications.apply(http, PostedApplications.POSTAL);
        String id = issued.path("id").asString();
        JsonNode placed = PostedApplications.awaitPlaced(http, id);
        assertThat(placed.path("status").asString()).isEqualTo("CREATED");
        assertThat(placed.path("carrier").asString()).isEqualTo("ems");
        String tracking = placed.path("trackingNumber").asString();
        assertThat(tracking).matches("[0-9]{13}");
        assertThat(placed.path("documentId").asString()).isEqualTo(issued.path("certificate").path("id").asString());
        assertThat(placed.path("recipient").asString()).isEqualTo("张三");
        assertThat(placed.path("phone").asString()).isEqualTo("138****8000");
        assertThat(placed.toString()).doesNotContain("13800138000").doesNotContain("南京东路");

        for (String step : List.of("collected", "in-transit", "out-for-delivery", "delivered")) {
            assertThat(PostedApplications.advance(http, "ems", tracking, step).path("notified").asInt()).isEqualTo(200);
        }
        JsonNode delivered = http.get("/api/v1/applications/" + id + "/delivery", "zhangsan").json();
        assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.path("events").findValuesAsString("status"))
                .containsExactly("COLLECTED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        assertThat(delivered.path("window").isNull()).isTrue();
        // at its end the parcel's phone and address are no longer kept
        assertThat(jdbc.sql("select count(*) from shipment where application_id = ? and phone is null and address is null")
                .param(UUID.fromString(id)).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select action from audit_log where target = ? and action like 'DELIVERY_%' order by id")
                .param("application/" + id).query(String.class).list()).containsExactly("DELIVERY_SHIPPED",
                "DELIVERY_COLLECTED", "DELIVERY_IN_TRANSIT", "DELIVERY_OUT_FOR_DELIVERY", "DELIVERY_DELIVERED");
    }

    @Test
    void aRefusedParcelGoesBackToTheDistrictsWindowAndStaysThere() {
        String id = PostedApplications.apply(http, PostedApplications.POSTAL).path("id").asString();
        String tracking = PostedApplications.awaitPlaced(http, id).path("trackingNumber").asString();
        PostedApplications.advance(http, "ems", tracking, "collected");
        PostedApplications.advance(http, "ems", tracking, "out-for-delivery");
        Response failed = http.post("/sandbox/carriers/ems/parcels/" + tracking + "/failed?reason=REFUSED",
                "application/json", java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        assertThat(failed.json().path("notified").asInt()).as(failed.body()).isEqualTo(200);

        JsonNode returned = http.get("/api/v1/applications/" + id + "/delivery", "zhangsan").json();
        assertThat(returned.path("status").asString()).isEqualTo("RETURNED_TO_WINDOW");
        assertThat(returned.path("failure").asString()).isEqualTo("REFUSED");
        assertThat(returned.path("window").asString()).isEqualTo("黄浦区");
        assertThat(jdbc.sql("select count(*) from audit_log where target = ? and action = 'DELIVERY_RETURNED_TO_WINDOW'")
                .param("application/" + id).query(Integer.class).single()).isEqualTo(1);

        // the window officer of the district reads it (the parcel waits at their window); another district's does not
        Response officer = http.get("/api/v1/applications/" + id + "/delivery", "officer");
        assertThat(officer.status()).as(officer.body()).isEqualTo(200);
        assertThat(officer.json().path("status").asString()).isEqualTo("RETURNED_TO_WINDOW");
        assertThat(http.get("/api/v1/applications/" + id + "/delivery", "officer2").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/applications/" + id + "/delivery", "agent").status()).isEqualTo(403);

        // a "delivered" the carrier sends late moves nothing back out of the window
        PostedApplications.advance(http, "ems", tracking, "delivered");
        JsonNode after = http.get("/api/v1/applications/" + id + "/delivery", "zhangsan").json();
        assertThat(after.path("status").asString()).isEqualTo("RETURNED_TO_WINDOW");
    }

    @Test
    void aFirstResidencePermitIsPostedOnceTheOfficerCompletesIt() {
        Response accepted = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                        { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
                          "options": { "delivery": "POST" },
                          "postal": { "recipient": "李四", "phone": "021-58881234", "address": "上海市浦东新区世纪大道100号" } }""")
                .file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), "permit-" + UUID.randomUUID(), "lisi");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        String id = accepted.json().path("id").asString();
        // nothing is posted before the permit exists
        assertThat(http.get("/api/v1/applications/" + id + "/delivery", "lisi").status()).isEqualTo(404);
        assertThat(http.postJson("/api/v1/applications/" + id + "/in-person-check",
                "{\"checked\": \"身份证原件，现场采集相片\", \"result\": \"PASSED\"}", "officer2").status()).isEqualTo(201);
        Response done = http.post("/api/v1/applications/" + id + "/complete", null,
                java.net.http.HttpRequest.BodyPublishers.noBody(), "officer2");
        assertThat(done.json().path("status").asString()).as(done.body()).isEqualTo("ISSUED");

        JsonNode delivery = PostedApplications.awaitPlaced(http, id, "lisi");
        assertThat(delivery.path("status").asString()).isEqualTo("CREATED");
        assertThat(delivery.path("documentId").asString()).isEqualTo(done.json().path("certificate").path("id").asString());
        assertThat(delivery.path("phone").asString()).isEqualTo("021*****1234");
        assertThat(http.get("/api/v1/applications/" + id + "/delivery", "officer2").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/applications/" + id + "/delivery", "officer").status()).isEqualTo(404);
    }

    @Test
    void aPostApplicationWithoutAnAddressWaitsAtTheWindowAndTheApplicantIsTold() {
        String id = PostedApplications.apply(http, null).path("id").asString();
        JsonNode delivery = http.get("/api/v1/applications/" + id + "/delivery", "zhangsan").json();
        assertThat(delivery.path("status").asString()).isEqualTo("RETURNED_TO_WINDOW");
        assertThat(delivery.path("failure").asString()).isEqualTo("NO_POSTAL_ADDRESS");
        assertThat(delivery.path("trackingNumber").isNull()).isTrue();
        assertThat(delivery.path("window").asString()).isEqualTo("黄浦区");
    }

    @Test
    void anotherApplicantAndAnApplicationWithoutParcelAreNotFound() {
        String id = PostedApplications.apply(http, PostedApplications.POSTAL).path("id").asString();
        Response other = http.get("/api/v1/applications/" + id + "/delivery", "lisi");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().path("code").asString()).isEqualTo("DELIVERY_NOT_FOUND");
        assertThat(http.get("/api/v1/applications/" + UUID.randomUUID() + "/delivery", "zhangsan").status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/applications/not-an-id/delivery", "zhangsan").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/applications/" + id + "/delivery", null).status()).isEqualTo(401);
    }

    @Test
    void aPostalAddressThatIsNoAddressIsRefusedAndNothingIsStored() {
        int before = jdbc.sql("select count(*) from application").query(Integer.class).single();
        for (String[] bad : List.of(
                new String[] {"{ \"recipient\": \"张三\", \"phone\": \"call me\", \"address\": \"上海市黄浦区南京东路1号\" }", "$.postal.phone"},
                new String[] {"{ \"recipient\": \"\", \"phone\": \"13800138000\", \"address\": \"上海市黄浦区南京东路1号\" }", "$.postal.recipient"},
                new String[] {"{ \"recipient\": \"张三\", \"phone\": \"13800138000\", \"address\": 42 }", "$.postal.address"},
                new String[] {"{ \"recipient\": \"张三\", \"phone\": \"13800138000\", \"address\": \"上海市\", \"x\": 1 }", "$.postal.x"},
                new String[] {"\"上海市黄浦区南京东路1号\"", "$.postal"})) {
            Response refused = PostedApplications.submit(http, bad[0]);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("code").asString()).isEqualTo("INVALID_POSTAL_ADDRESS");
            assertThat(refused.json().path("field").asString()).isEqualTo(bad[1]);
        }
        assertThat(jdbc.sql("select count(*) from application").query(Integer.class).single()).isEqualTo(before);
    }
}
