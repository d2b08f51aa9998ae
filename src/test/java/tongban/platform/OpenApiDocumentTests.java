package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;

/**
 * What Swagger UI is built from, read from /v3/api-docs as it serves it: the product's title and the build's
 * version, the demo's Basic login behind the Authorize button, and the multipart shape of an application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTests {

    @LocalServerPort
    int port;
    @Autowired
    BuildProperties build;

    @Test
    void theDocumentNamesTheProductItsVersionAndTheDemoLogin() {
        JsonNode doc = new Http(port).get("/v3/api-docs", null).json();
        assertThat(doc.path("info").path("title").asString()).isEqualTo("Tongban (通办) API");
        assertThat(doc.path("info").path("version").asString()).isEqualTo(build.getVersion()).isNotBlank();
        assertThat(doc.path("info").path("description").asString()).contains("multipart", "problem+json");

        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.propertyNames()).containsExactly(OpenApiConfiguration.BASIC);
        assertThat(schemes.path(OpenApiConfiguration.BASIC).path("scheme").asString()).isEqualTo("basic");
        assertThat(doc.path("security").toString()).contains(OpenApiConfiguration.BASIC);
    }

    @Test
    void anApplicationIsAMultipartOfTheApplicationJsonAndOneFilePerMaterial() {
        JsonNode doc = new Http(port).get("/v3/api-docs", null).json();
        JsonNode post = doc.path("paths").path("/api/v1/applications").path("post");
        JsonNode multipart = post.path("requestBody").path("content").path("multipart/form-data");
        assertThat(post.path("requestBody").path("required").asBoolean()).isTrue();
        JsonNode properties = multipart.path("schema").path("properties");
        assertThat(properties.path("application").path("properties").path("item").path("enum").toString())
                .contains("individual-business-registration", "food-business-licence", "residence-permit");
        assertThat(properties.path("application").path("example").path("item").asString())
                .isEqualTo("individual-business-registration");
        assertThat(multipart.path("encoding").path("application").path("contentType").asString())
                .isEqualTo("application/json");
        for (String material : new String[] {"premises-proof", "equipment-layout", "photo"}) {
            assertThat(properties.path(material).path("format").asString()).as(material).isEqualTo("binary");
        }
        assertThat(properties.path("photo").path("description").asString()).contains("residence-permit");
        assertThat(post.path("parameters").toString()).contains("Idempotency-Key");
    }
}
