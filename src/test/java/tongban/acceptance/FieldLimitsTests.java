package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A text answer is held to its field's limits (item.yaml's maxLength, one line of characters the certificate font
 * prints) by evaluate, precheck and submit alike, as 400 INVALID_FACTS naming the field, before anything is stored;
 * the longest answers allowed are printed on the certificate. Before, they passed precheck and failed at
 * rendering with 503 ISSUING_FAILED, leaving a FAILED application behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FieldLimitsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EVALUATE = "/api/v1/items/individual-business-registration/evaluate";

    /** Each bad business name, and what the problem must say about it. */
    private static final Map<String, String> BAD_NAMES = new LinkedHashMap<>();

    static {
        BAD_NAMES.put("便".repeat(31), "has 31 characters; at most 30");
        BAD_NAMES.put("张三便利店😀", "U+1F600");                 // emoji
        BAD_NAMES.put("刘䶮便利店", "U+4DAE");                    // CJK extension A, outside GB 2312
        BAD_NAMES.put("𠀀便利店", "U+20000");                     // CJK extension B
        BAD_NAMES.put("متجر", "U+0645");                        // Arabic, right to left
        BAD_NAMES.put("张三\u202E店利便", "U+202E");              // right-to-left override
        BAD_NAMES.put("张三\u200B便利店", "U+200B");              // zero-width space
        BAD_NAMES.put("张三\u0000便利店", "U+0000");              // NUL
        BAD_NAMES.put("张三\n便利店", "U+000A");                  // a second line
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void evaluateRefusesEachBadTextNamingTheField() {
        BAD_NAMES.forEach((name, says) -> {
            ObjectNode facts = (ObjectNode) JSON.readTree(tongban.rules.EvaluateApiSamples.EXAMPLE_1);
            ((ObjectNode) facts.path("form")).put("businessName", name);
            assertInvalid(http.postJson(EVALUATE, JSON.writeValueAsString(facts), null), "$.form.businessName", says);
        });
        ObjectNode facts = (ObjectNode) JSON.readTree(tongban.rules.EvaluateApiSamples.EXAMPLE_1);
        ((ObjectNode) facts.path("form")).put("premisesAddress", "路".repeat(51));
        assertInvalid(http.postJson(EVALUATE, JSON.writeValueAsString(facts), null), "$.form.premisesAddress",
                "at most 50");
    }

    @Test
    void precheckRefusesEachBadTextNamingTheField() {
        BAD_NAMES.forEach((name, says) -> {
            ObjectNode body = registration(name, "上海市黄浦区南京东路1号");
            body.putArray("materials").addObject().put("code", "premises-proof").put("mediaType", "application/pdf");
            assertInvalid(http.postJson("/api/v1/applications/precheck", JSON.writeValueAsString(body), "zhangsan"),
                    "$.form.businessName", says);
        });
    }

    @Test
    void submitRefusesEachBadTextAndStoresNothing() {
        String before = http.get("/api/v1/applications", "zhangsan").body();
        BAD_NAMES.forEach((name, says) -> assertInvalid(submit(registration(name, "上海市黄浦区南京东路1号")),
                "$.form.businessName", says));
        assertThat(http.get("/api/v1/applications", "zhangsan").body()).isEqualTo(before);
    }

    @Test
    void anApplicationPartOverTheJsonCapIsRefusedUnreadAndStoresNothing() {
        String before = http.get("/api/v1/applications", "zhangsan").body();
        Response r = submit(registration("x".repeat(1_100_000), "上海市黄浦区南京东路1号"));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(http.get("/api/v1/applications", "zhangsan").body()).isEqualTo(before);
    }

    @Test
    void theLongestAnswersAllowedArePrintedOnTheCertificate() {
        Response r = submit(registration("黄浦区张三便利店".repeat(4).substring(0, 30),
                "上海市黄浦区南京东路一号".repeat(5).substring(0, 50)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("ISSUED");
    }

    @Test
    void theServiceGuideShowsEachFieldsLimits() {
        var guide = http.get("/api/v1/items/individual-business-registration", null).json();
        var form = guide.path("item").path("form");
        assertThat(form.path("businessName").path("maxLength").asInt()).isEqualTo(30);
        assertThat(form.path("premisesAddress").path("maxLength").asInt()).isEqualTo(50);
        assertThat(guide.path("textFields").path("en").asString()).contains("control", "bidirectional", "zero-width",
                "document font");
        assertThat(guide.path("textFields").path("zh").asString()).contains("GB 2312");
    }

    private ObjectNode registration(String businessName, String premises) {
        ObjectNode body = JSON.createObjectNode().put("item", "individual-business-registration");
        ObjectNode form = body.putObject("form").put("businessName", businessName).put("premisesAddress", premises);
        form.putArray("businessScope").add("retail-general");
        body.putObject("options").put("delivery", "ONLINE");
        return body;
    }

    private Response submit(ObjectNode application) {
        return http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", JSON.writeValueAsString(application))
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("lease")),
                AcceptanceJourneyTests.key(), "zhangsan");
    }

    private static void assertInvalid(Response r, String field, String says) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().path("code").asString()).isEqualTo("INVALID_FACTS");
        assertThat(r.json().path("field").asString()).isEqualTo(field);
        assertThat(r.json().path("detail").asString()).contains(says);
    }
}
