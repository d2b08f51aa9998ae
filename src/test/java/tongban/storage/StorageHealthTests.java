package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.S3Connection;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;

/** With nothing configured the app runs on embedded PostgreSQL and S3, and its health says so, secrets left out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageHealthTests {

    @LocalServerPort
    int port;

    @Autowired
    S3Connection s3;

    @Test
    void healthShowsTheDatabaseTheObjectStoreAndThatWormIsTheArchivesOwnRuleOnly() {
        Http.Response r = new Http(port).get("/actuator/health", "operator");

        assertThat(r.status()).isEqualTo(200);
        JsonNode components = r.json().path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("db").path("details").path("database").asString()).isEqualTo("PostgreSQL");
        assertThat(components.path("objectStore").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("objectStore").path("details").path("store").asString()).contains("http://127.0.0.1:");
        JsonNode worm = components.path("worm");
        assertThat(worm.path("status").asString()).isEqualTo("UP");
        assertThat(worm.path("details").path("enforcedByStore").asBoolean()).isFalse();
        assertThat(worm.path("details").path("mode").asString()).startsWith("write-once fallback");
    }

    @Test
    void theEmbeddedStoresCredentialsAreNowhereInTheHealthReport() {
        String body = new Http(port).get("/actuator/health", "operator").body();

        assertThat(body).doesNotContain(s3.secretKey(), s3.accessKey());
    }
}
