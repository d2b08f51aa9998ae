package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tongban.TongbanApplication;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.support.Ceph;
import tongban.support.Http;
import tongban.support.ProductionKeys;
import tools.jackson.databind.JsonNode;

/**
 * The prod profile with every setting safe starts: a PostgreSQL this test runs as the production database, the Ceph RGW
 * of {@code scripts/ceph-s3.sh} with Object Lock as the store (named by {@code TONGBAN_TEST_CEPH_*}; run by the ceph
 * profile), seal keys of a root that is not the local test authority, an external TSA, a public https address, and
 * bearer tokens checked for issuer and audience. Then the public sees UP or DOWN only, operators see which seals and
 * which WORM regime serve, and forged tokens are refused.
 */
@Tag("object-lock")
class ProductionStartTests {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final KeyPair ISSUER_KEY = BearerTokens.rsa();

    static Path dir;
    static EmbeddedPostgresServer postgres;
    static ConfigurableApplicationContext application;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        dir = tongban.support.TempFolders.create("tongban-prod");
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"));
        Path issuer = Files.writeString(dir.resolve("issuer.pem"), BearerTokens.publicKeyPem(ISSUER_KEY));
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=prod",
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--tongban.s3.endpoint=" + Ceph.setting("ENDPOINT"),
                "--tongban.s3.access-key=" + Ceph.setting("ACCESS_KEY"),
                "--tongban.s3.secret-key=" + Ceph.setting("SECRET_KEY"),
                "--tongban.s3.bucket-certificates=tongban-certificates-prod-" + RUN,
                "--tongban.s3.bucket-archive=tongban-archive-prod-" + RUN,
                "--tongban.public-base-url=https://tongban.example.gov.cn",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + issuer,
                "--tongban.security.jwt.issuer=" + BearerTokens.ISSUER,
                "--tongban.security.jwt.audience=" + BearerTokens.AUDIENCE,
                "--tongban.security.role-claim=" + BearerTokens.ROLE_CLAIM,
                // the portal signs in with the city's provider: configured, never contacted here
                "--tongban.signin.client-id=tongban-portal",
                "--tongban.signin.client-secret=not-a-real-secret",
                "--tongban.signin.authorization-uri=" + BearerTokens.ISSUER + "/authorize",
                "--tongban.signin.token-uri=" + BearerTokens.ISSUER + "/token",
                "--tongban.signin.jwk-set-uri=" + BearerTokens.ISSUER + "/jwks",
                "--tongban.data-dir=" + dir.resolve("data"),
                "--tongban.archive.audit.cron=-",
                // the carrier for paper documents: configured, never contacted here
                "--tongban.delivery.carriers.ems.url=https://ems.example.cn/order",
                "--tongban.delivery.carriers.ems.partner-id=TONGBAN",
                "--tongban.delivery.carriers.ems.api-secret=not-a-real-secret",
                "--tongban.delivery.carriers.ems.webhook-secret=not-a-real-secret"));
        arguments.addAll(ProductionKeys.create(dir.resolve("keys"), List.copyOf(ProductionKeys.packDepartments().keySet()))
                .properties("https://tsa.example.gov.cn/tsr"));
        application = new SpringApplicationBuilder(TongbanApplication.class).run(arguments.toArray(String[]::new));
        http = new Http(((WebServerApplicationContext) application).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void thePublicSeesUpOrDownOnlyAndOperatorsSeeConfiguredSealsAndTheStoresWorm() {
        JsonNode anonymous = http.get("/actuator/health", null).json();
        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();

        JsonNode operator = get("/actuator/health", token(List.of("OPERATOR"))).json().path("components");
        assertThat(operator.path("seals").path("details").path("authority").asString()).isEqualTo("configured keys");
        assertThat(operator.path("worm").path("details").path("enforcedByStore").asBoolean()).isTrue();
    }

    @Test
    void theSealsAreTheConfiguredKeysNotTheLocalTestAuthority() {
        Http.Response seals = get("/api/v1/seals", token(List.of("OPERATOR")));

        assertThat(seals.status()).isEqualTo(200);
        assertThat(seals.json().findValuesAsString("departmentId"))
                .containsExactlyInAnyOrderElementsOf(ProductionKeys.packDepartments().keySet());
        assertThat(seals.body()).doesNotContain("LOCAL TEST").doesNotContain("NOT FOR PRODUCTION");
    }

    @Test
    void forgedTokensAndDemoAccountsAreRefused() {
        Instant soon = Instant.now().plusSeconds(60);
        assertThat(get("/api/v1/seals", BearerTokens.token(ISSUER_KEY, "https://evil.example", List.of("some-other-app"),
                soon, List.of("OPERATOR"))).status()).isEqualTo(401);
        assertThat(get("/api/v1/seals", BearerTokens.token(ISSUER_KEY, BearerTokens.ISSUER, List.of("some-other-app"),
                soon, List.of("OPERATOR"))).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/seals", "operator").status()).isEqualTo(401);
    }

    private static String token(List<String> roles) {
        return BearerTokens.token(ISSUER_KEY, roles);
    }

    private static Http.Response get(String path, String token) {
        return http.withHeader("GET", path, "Authorization", "Bearer " + token, HttpRequest.BodyPublishers.noBody());
    }
}
