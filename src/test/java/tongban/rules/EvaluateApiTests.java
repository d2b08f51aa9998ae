package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Http;
import tongban.support.Http.Response;

/** The public catalogue and what-if evaluation over real HTTP, with good and bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluateApiTests {

    static final String EXAMPLE_1 = EvaluateApiSamples.EXAMPLE_1;
    private static final String EVALUATE = "/api/v1/items/individual-business-registration/evaluate";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theCatalogueListsEveryLoadedItemWithItsMaterials() {
        Response r = http.get("/api/v1/items", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().findValuesAsString("code")).contains("individual-business-registration");
        assertThat(r.body()).contains("application-form", "image/jpeg", "市场监督管理局");
    }

    @Test
    void theServiceGuideIsMadeFromThePackRules() {
        Response r = http.get("/api/v1/items/individual-business-registration", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("A minor above the minimum age must live on own labour income",
                "《中华人民共和国民法典》第十八条第二款", "MINOR_WITHOUT_OWN_INCOME");
        assertThat(r.json().path("packVersion").asString()).hasSize(16);
    }

    @Test
    void anAdultWithVerifiedIdentityIsAcceptableWithNoTrip() {
        Response r = http.postJson(EVALUATE, EXAMPLE_1, null);
        assertThat(r.status()).isEqualTo(200);
        var d = r.json();
        assertThat(d.path("outcome").asString()).isEqualTo("ACCEPTABLE");
        assertThat(d.path("visits").path("count").asInt()).isZero();
        assertThat(d.path("atMostOnce").asBoolean()).isTrue();
        assertThat(d.path("materials").toString()).contains("\"operator-id\",\"status\":\"REUSED\"");
        assertThat(d.path("trace").toString()).contains("rules/individual-business-registration/materials.drl");
    }

    @Test
    void anUnknownItemIsNotFound() {
        assertProblem(http.postJson("/api/v1/items/no-such-item/evaluate", EXAMPLE_1, null), 404, "UNKNOWN_ITEM");
        assertProblem(http.get("/api/v1/items/no-such-item", null), 404, "UNKNOWN_ITEM");
    }

    @Test
    void aBadCheckDigitNamesTheField() {
        Response r = http.postJson(EVALUATE, EXAMPLE_1.replace("310101199001011234", "310101199001011235"), null);
        assertProblem(r, 400, "INVALID_FACTS");
        assertThat(r.json().path("field").asString()).isEqualTo("$.applicant.idNumber");
    }

    @Test
    void anUnknownScopeCodeNamesItsPlaceInTheList() {
        Response r = http.postJson(EVALUATE, EXAMPLE_1.replace("\"retail-general\"", "\"retail-general\", \"casino\""), null);
        assertProblem(r, 400, "INVALID_FACTS");
        assertThat(r.json().path("field").asString()).isEqualTo("$.form.businessScope[1]");
    }

    @Test
    void wrongTypesUnknownFieldsAndMissingDatesAreRefusedWithTheirPath() {
        assertField(EXAMPLE_1.replace("\"identityVerified\": true", "\"identityVerified\": \"yes\""),
                "$.applicant.identityVerified");
        assertField(EXAMPLE_1.replace("\"asOf\": \"2026-11-27\",", ""), "$.asOf");
        assertField(EXAMPLE_1.replace("2026-11-27", "2026-13-01"), "$.asOf");
        assertField(EXAMPLE_1.replace("\"options\"", "\"extra\": 1, \"options\""), "$.extra");
        assertField(EXAMPLE_1.replace("\"delivery\": \"ONLINE\"", "\"delivery\": \"DRONE\""), "$.options.delivery");
        assertField(EXAMPLE_1.replace("\"premises-proof\", \"mediaType\"", "\"premises-photo\", \"mediaType\""),
                "$.materials[0].code");
        assertField(EXAMPLE_1.replace("\"businessScope\": [\"retail-general\"]", "\"businessScope\": []"),
                "$.form.businessScope");
        assertField("[]", "$");
        assertField("42", "$");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(http.postJson(EVALUATE, "{\"asOf\": ", null), 400, "MALFORMED_JSON");
        assertProblem(http.postJson(EVALUATE, "", null), 400, "MALFORMED_JSON");
        assertProblem(http.postJson(EVALUATE, "[".repeat(5000) + "]".repeat(5000), null), 400, "MALFORMED_JSON");
        assertProblem(http.postJson(EVALUATE, "{\"asOf\": 1" + "0".repeat(2000) + "}", null), 400, null);
    }

    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(http.postJson(EVALUATE, huge, null), 413, "PAYLOAD_TOO_LARGE");
        // without a declared length the cap applies while reading
        var chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()));
        assertProblem(http.post(EVALUATE, "application/json", chunked, null), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void theWrongMediaTypeOrMethodGetsItsOwnCode() {
        assertProblem(http.post(EVALUATE, "text/plain", HttpRequest.BodyPublishers.ofString(EXAMPLE_1), null),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.send("PUT", EVALUATE, HttpRequest.BodyPublishers.ofString(EXAMPLE_1), "zhangsan"),
                405, "METHOD_NOT_ALLOWED");
        assertProblem(http.get("/api/v1/nothing-here", "policy"), 404, "NOT_FOUND");
    }

    private void assertField(String body, String field) {
        Response r = http.postJson(EVALUATE, body, null);
        assertProblem(r, 400, "INVALID_FACTS");
        assertThat(r.json().path("field").asString()).as(body).isEqualTo(field);
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as("problem+json: " + r.contentType()).isTrue();
        if (code != null) {
            assertThat(r.json().path("code").asString()).isEqualTo(code);
        }
    }
}
