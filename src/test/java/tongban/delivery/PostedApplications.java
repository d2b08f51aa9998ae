package tongban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * 张三 registers an individual business (issued on the spot, no fee) with delivery POST, and what the tests then wait
 * for: the shipment's status as the API shows it.
 */
final class PostedApplications {

    static final String POSTAL = "{ \"recipient\": \"张三\", \"phone\": \"13800138000\", \"address\": \"上海市黄浦区南京东路1号\" }";

    private PostedApplications() {
    }

    /** The application part of a business registration with delivery POST and the given postal part (or none). */
    static String registration(String postal) {
        return """
                { "item": "individual-business-registration",
                  "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general"],
                            "premisesAddress": "上海市黄浦区南京东路1号" },
                  "options": { "delivery": "POST" }%s }""".formatted(postal == null ? "" : ", \"postal\": " + postal);
    }

    /** Submits it as 张三 and answers the issued application. */
    static JsonNode apply(Http http, String postal) {
        Response r = submit(http, postal);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("ISSUED");
        return r.json();
    }

    static Response submit(Http http, String postal) {
        return http.postMultipart("/api/v1/applications", new Multipart().json("application", registration(postal))
                        .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")),
                "delivery-" + UUID.randomUUID(), "zhangsan");
    }

    /** The application's delivery once it has left {@code PENDING} (the carrier took it), waiting up to a minute. */
    static JsonNode awaitPlaced(Http http, String application) {
        return awaitPlaced(http, application, "zhangsan");
    }

    /** The same for an application of {@code user}. */
    static JsonNode awaitPlaced(Http http, String application, String user) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Response r = http.get("/api/v1/applications/" + application + "/delivery", user);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (!r.json().path("status").asString().equals("PENDING") || Instant.now().isAfter(until)) {
                return r.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Moves the parcel a step at the sandbox carrier; answers what the platform answered the carrier. */
    static JsonNode advance(Http http, String carrier, String tracking, String step) {
        Response r = http.post("/sandbox/carriers/" + carrier + "/parcels/" + tracking + "/" + step, "application/json",
                java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
