package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Http;

/** The API description, health and metrics an operator relies on, and who may see them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsEndpointsTests {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theOpenApiDescriptionIsPublicAndListsTheEndpoints() {
        var r = http.get("/v3/api-docs", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("paths").propertyNames())
                .contains("/api/v1/items", "/api/v1/items/{item}", "/api/v1/items/{item}/evaluate",
                        "/api/v1/rule-packs", "/api/v1/rule-packs/reload", "/api/v1/rule-packs/test");
    }

    @Test
    void everyAnswerCarriesARequestIdForTheLogs() {
        var fresh = http.get("/api/v1/items", null);
        assertThat(fresh.headers().firstValue("X-Request-Id")).get().asString().hasSizeGreaterThan(8);
        var given = http.withHeader("GET", "/api/v1/items", "X-Request-Id", "trace-42",
                java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(given.headers().firstValue("X-Request-Id")).contains("trace-42");
        var hostile = http.withHeader("GET", "/api/v1/items", "X-Request-Id", "a b<script>",
                java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(hostile.headers().firstValue("X-Request-Id")).get().asString().doesNotContain("script");
    }

    @Test
    void healthNamesTheServingPacksToOperators() {
        var r = http.get("/actuator/health", "operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("UP");
        assertThat(r.json().path("components").path("rulePacks").path("details")
                .has("individual-business-registration")).isTrue();
    }

    @Test
    void metricsAreForOperatorsOnlyAndCountDecisions() {
        http.postJson("/api/v1/items/individual-business-registration/evaluate",
                tongban.rules.EvaluateApiSamples.EXAMPLE_1, null);
        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "zhangsan").status()).isEqualTo(403);
        assertThat(http.get("/actuator/prometheus", "policy").status()).isEqualTo(403);
        var r = http.get("/actuator/prometheus", "operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("tongban_decisions_seconds_count{item=\"individual-business-registration\"");
    }
}
