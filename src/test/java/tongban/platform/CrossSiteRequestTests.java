package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser resends cached HTTP Basic credentials with a form another site submits. Such cross-site state changes are
 * refused whatever credentials they carry; this site's own pages and programs that send no Origin still work, and
 * browsers are never invited to cache Basic credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossSiteRequestTests {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;
    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anOfficersCompleteSubmittedByAnotherSitesFormIsRefused() throws Exception {
        HttpResponse<String> r = post("/api/v1/applications/" + UUID.randomUUID() + "/complete", "officer",
                "Origin", "http://evil.example");

        assertRefused(r);
    }

    @Test
    void anOperatorsCleanSubmittedByAnotherSiteIsRefusedByOriginOrFetchMetadata() throws Exception {
        assertRefused(post("/api/v1/archive/reconciliation/clean", "operator", "Origin", "http://evil.example"));
        assertRefused(post("/api/v1/archive/reconciliation/clean", "operator", "Origin", "null"));
        assertRefused(post("/api/v1/archive/reconciliation/clean", "operator", "Sec-Fetch-Site", "cross-site"));
        assertRefused(post("/api/v1/archive/reconciliation/clean", "operator", "Sec-Fetch-Site", "same-site"));
        // a look-alike origin on another port is another origin
        assertRefused(post("/api/v1/archive/reconciliation/clean", "operator", "Origin", "http://127.0.0.1:" + (port + 1)));
    }

    @Test
    void theSameOriginAndProgramsWithoutOriginGoOnToTheirOwnAnswer() throws Exception {
        // not cross-site, so the officer's call is answered as such: there is no such application
        String complete = "/api/v1/applications/" + UUID.randomUUID() + "/complete";
        for (String[] headers : List.of(new String[]{"Origin", "http://127.0.0.1:" + port},
                new String[]{"Origin", "HTTP://127.0.0.1:" + port}, new String[]{"Sec-Fetch-Site", "same-origin"},
                new String[]{"Sec-Fetch-Site", "none"}, new String[0])) {
            HttpResponse<String> r = post(complete, "officer", headers);

            assertThat(r.statusCode()).as(String.join(" ", headers)).isEqualTo(404);
            assertThat(r.body()).contains("APPLICATION_NOT_FOUND");
        }
    }

    @Test
    void readingIsNotAStateChange() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/items"))
                .header("Origin", "http://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void browsersAreNotInvitedToUseBasicButProgramsAre() throws Exception {
        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/applications")).header("Accept", "text/html,application/xhtml+xml")
                .header("Sec-Fetch-Mode", "navigate").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> program = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/applications")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(program.statusCode()).isEqualTo(401);
        assertThat(program.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"tongban\"");
    }

    private HttpResponse<String> post(String path, String user, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", FORM)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("confirm=1"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = JsonMapper.builder().build().readTree(r.body());
        assertThat(body.path("code").asString()).isEqualTo("CROSS_SITE_REQUEST");
    }
}
