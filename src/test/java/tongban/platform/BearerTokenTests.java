package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.support.Http;

/**
 * Bearer tokens, as the prod profile takes them (tongban.security.mode=jwt): no demo accounts; a token must be signed by
 * the configured key, name the configured issuer and this application as audience, and expire; roles come from the
 * configured claim. With a public key alone Spring checks neither issuer nor audience: forged tokens that only the
 * added checks catch are sent here. The key pair is made at test time. Runs on the embedded stack, which the prod
 * profile itself refuses (ProductionConfigurationTests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BearerTokenTests {

    private static final KeyPair ISSUER_KEY = BearerTokens.rsa();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("issuer", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, BearerTokens.publicKeyPem(ISSUER_KEY));
        registry.add("tongban.security.mode", () -> "jwt");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
        registry.add("tongban.security.jwt.issuer", () -> BearerTokens.ISSUER);
        registry.add("tongban.security.jwt.audience", () -> BearerTokens.AUDIENCE);
        registry.add("tongban.security.role-claim", () -> BearerTokens.ROLE_CLAIM);
        // the portal signs in with the city's provider: configured, never contacted by these tests
        registry.add("tongban.signin.client-id", () -> "tongban-portal");
        registry.add("tongban.signin.client-secret", () -> "not-a-real-secret");
        registry.add("tongban.signin.authorization-uri", () -> BearerTokens.ISSUER + "/authorize");
        registry.add("tongban.signin.token-uri", () -> BearerTokens.ISSUER + "/token");
        registry.add("tongban.signin.jwk-set-uri", () -> BearerTokens.ISSUER + "/jwks");
        registry.add("tongban.signin.end-session-uri", () -> BearerTokens.ISSUER + "/logout");
        registry.add("spring.flyway.locations", () -> "classpath:db/migration");
        // a database of its own: production migrations never saw the demo data of the other tests
        Path data = tongban.support.TempFolders.create("tongban-jwt-data");
        registry.add("tongban.data-dir", data::toString);
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void demoAccountsDoNotExist() {
        assertThat(http.get("/api/v1/rule-packs", "policy").status()).isEqualTo(401);
    }

    @Test
    void aTokenWithThePolicyRoleMayReadRulePacks() {
        assertThat(get("/api/v1/rule-packs", BearerTokens.token(ISSUER_KEY, List.of("POLICY"))).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithAnotherRoleIsForbidden() {
        var r = get("/api/v1/rule-packs", BearerTokens.token(ISSUER_KEY, List.of("APPLICANT")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        var r = get("/api/v1/rule-packs", BearerTokens.token(BearerTokens.rsa(), List.of("POLICY")));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.isProblem()).isTrue();
    }

    @Test
    void aTokenForAnotherApplicationFromAnotherIssuerIsRefused() {
        Instant soon = Instant.now().plusSeconds(60);
        List<String> operator = List.of("OPERATOR");
        assertThat(get("/api/v1/seals", BearerTokens.token(ISSUER_KEY, BearerTokens.ISSUER, List.of(BearerTokens.AUDIENCE),
                soon, operator)).status()).isEqualTo(200);

        for (String forged : List.of(
                BearerTokens.token(ISSUER_KEY, "https://evil.example", List.of("some-other-app"), soon, operator),
                BearerTokens.token(ISSUER_KEY, BearerTokens.ISSUER, List.of("some-other-app"), soon, operator),
                BearerTokens.token(ISSUER_KEY, "https://evil.example", List.of(BearerTokens.AUDIENCE), soon, operator),
                BearerTokens.token(ISSUER_KEY, null, List.of(BearerTokens.AUDIENCE), soon, operator),
                BearerTokens.token(ISSUER_KEY, BearerTokens.ISSUER, null, soon, operator),
                BearerTokens.token(ISSUER_KEY, BearerTokens.ISSUER, List.of(BearerTokens.AUDIENCE), null, operator),
                BearerTokens.token(ISSUER_KEY, BearerTokens.ISSUER, List.of(BearerTokens.AUDIENCE),
                        Instant.now().minusSeconds(600), operator))) {
            var r = get("/api/v1/seals", forged);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void theSandboxCarrierIsNotThere() {
        for (String path : List.of("/sandbox/carriers/ems/order", "/sandbox/carriers/sf/std/service",
                "/sandbox/carriers/ems/parcels/1100000000000/delivered")) {
            assertThat(http.post(path, "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString("a=b"),
                    null).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void theEmbeddedIdentityProviderIsNotThere() {
        for (String path : List.of("/.well-known/openid-configuration", "/oauth2/jwks", "/oauth2/authorize", "/id/login",
                "/connect/logout", "/userinfo")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(404);
        }
        assertThat(http.post("/oauth2/token", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"), null).status()).isEqualTo(404);
    }

    @Test
    void thePortalsSignInGoesToTheCitysProviderWithPkce() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
            .cookieHandler(new java.net.CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/login"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        var start = browser.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/login/start/tongban")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(csrf.group(1),
                        java.nio.charset.StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to)
                .startsWith(BearerTokens.ISSUER + "/authorize?").contains("client_id=tongban-portal",
                        "code_challenge_method=S256", "scope=openid%20profile"));
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(http.get("/api/v1/items", null).status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentOffersTheBearerLoginOnly() {
        var schemes = http.get("/v3/api-docs", null).json().path("components").path("securitySchemes");
        assertThat(schemes.propertyNames()).containsExactly(OpenApiConfiguration.BEARER);
        assertThat(schemes.path(OpenApiConfiguration.BEARER).path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path(OpenApiConfiguration.BEARER).path("bearerFormat").asString()).isEqualTo("JWT");
    }

    private Http.Response get(String path, String token) {
        return http.withHeader("GET", path, "Authorization", "Bearer " + token, HttpRequest.BodyPublishers.noBody());
    }
}
