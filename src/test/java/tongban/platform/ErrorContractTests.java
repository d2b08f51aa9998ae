package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.ECertificate;
import tongban.archive.ECertificates;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.support.Http;
import tongban.support.StoredCertificates;

/**
 * Every answer is problem+json with a code, also where no controller answers: a damaged archived object, a NUL in a
 * reason, paths the firewall or Tomcat refuses, TRACE, a method an endpoint does not have. Sent by a real client to the
 * running server; raw paths over a plain socket, since Java's client refuses them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorContractTests {

    @LocalServerPort
    int port;
    @Autowired
    ECertificates certificates;
    @Autowired
    EmbeddedS3Server embeddedS3;

    @Test
    void aCorruptedArchivedCertificateIsDamagedNotAnInternalError() throws Exception {
        ECertificate stored = store();
        Path file = embeddedS3.objectFile(stored.location().bucket(), stored.location().key());
        byte[] original = Files.readAllBytes(file);
        Files.write(file, "%PDF-1.7 forged".getBytes());
        try {
            Http.Response r = http().get("/api/v1/certificates/" + stored.id() + "/pdf", "zhangsan");

            assertThat(r.status()).isEqualTo(500);
            assertProblem(r, "ARCHIVE_OBJECT_DAMAGED");
        } finally {
            Files.write(file, original);
        }
        assertThat(http().get("/api/v1/certificates/" + stored.id() + "/pdf", "zhangsan").status()).isEqualTo(200);
    }

    @Test
    void aMissingArchivedDocumentIsDamagedNotAnInternalError() throws Exception {
        ECertificate stored = store();
        Path file = embeddedS3.objectFile(stored.location().bucket(), stored.location().key());
        Path aside = file.resolveSibling(file.getFileName() + ".aside");
        Files.move(file, aside);
        try {
            Http.Response r = http().get("/api/v1/documents/" + stored.id() + "/pdf", "zhangsan");

            assertThat(r.status()).isEqualTo(500);
            assertProblem(r, "ARCHIVE_OBJECT_DAMAGED");
        } finally {
            Files.move(aside, file);
        }
    }

    @Test
    void aNulInARevocationReasonIsTheCallersFaultWithItsField() {
        ECertificate stored = store();

        Http.Response r = http().postJson("/api/v1/certificates/" + stored.id() + "/revoke",
                "{\"reason\":\"吊销\\u0000原因\"}", "officer");

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, "INVALID_REASON");
        assertThat(r.json().path("field").asString()).isEqualTo("$.reason");
        assertThat(certificates.find(stored.id()).orElseThrow().status().name()).isEqualTo("VALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//api/v1/items", "/api/v1/items;jsessionid=1", "/api/v1/%2e%2e/api/v1/items",
            "/api/v1/items%252f", "/api/v1/items/%2e%2e/items"})
    void pathsTheFirewallRejectsAreProblems(String path) {
        for (String user : new String[]{null, "zhangsan"}) {
            Http.Response r = user == null ? http().raw("GET", path) : http().raw("GET", path, basic(user));

            assertThat(r.status()).as(path).isEqualTo(400);
            assertProblem(r, "REQUEST_REJECTED");
        }
    }

    @Test
    void anEncodedNulInThePathIsAProblemNotTomcatsPage() {
        Http.Response r = http().raw("GET", "/api/v1/items%00");

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, "BAD_REQUEST");
    }

    @Test
    void traceIsNotAllowedAsAProblem() {
        Http.Response r = http().raw("TRACE", "/api/v1/items");

        assertThat(r.status()).isEqualTo(405);
        assertProblem(r, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aWrongMethodIsNotAllowedEvenWithoutLogin() {
        Http.Response anonymous = http().send("DELETE", "/api/v1/applications/" + UUID.randomUUID(),
                HttpRequest.BodyPublishers.noBody(), null);
        assertThat(anonymous.status()).isEqualTo(405);
        assertProblem(anonymous, "METHOD_NOT_ALLOWED");
        assertThat(anonymous.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));

        Http.Response onPublic = http().send("PUT", "/api/v1/items", HttpRequest.BodyPublishers.noBody(), null);
        assertThat(onPublic.status()).isEqualTo(405);
        assertProblem(onPublic, "METHOD_NOT_ALLOWED");

        Http.Response revokeByGet = http().get("/api/v1/certificates/" + UUID.randomUUID() + "/revoke", null);
        assertThat(revokeByGet.status()).isEqualTo(405);

        // the right method without login still asks for it
        assertThat(http().get("/api/v1/applications/" + UUID.randomUUID(), null).status()).isEqualTo(401);
    }

    @Test
    void publicHealthIsUpOrDownOnlyAndOperatorsSeeTheDetails() {
        Http.Response anonymous = http().get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(anonymous.body()).doesNotContain("127.0.0.1").doesNotContain("tongban-certificates");
        assertThat(http().get("/actuator/health", "zhangsan").json().has("components")).isFalse();
        assertThat(http().get("/actuator/health/worm", null).status()).isEqualTo(404);

        Http.Response operator = http().get("/actuator/health", "operator");
        assertThat(operator.json().path("components").path("worm").path("details").path("mode").isString()).isTrue();
        assertThat(operator.json().path("components").path("objectStore").path("details").path("store").isString()).isTrue();
    }

    private static void assertProblem(Http.Response r, String code) {
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("code").asString()).isEqualTo(code);
        assertThat(r.json().path("status").asInt()).isEqualTo(r.status());
    }

    private static String basic(String user) {
        return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo-" + user).getBytes());
    }

    private Http http() {
        return new Http(port);
    }

    private ECertificate store() {
        return StoredCertificates.store(certificates, "error contract");
    }
}
