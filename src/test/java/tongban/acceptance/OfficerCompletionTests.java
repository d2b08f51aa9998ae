package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * A first residence permit waits for its in-person check (ACCEPTED); once the officer of its district (李四 lives in
 * 浦东新区: officer2) has recorded the check as passed and completes it, the permit is issued, sealed and archived,
 * exactly once. Only officers complete, only accepted applications, and only after a passed check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficerCompletionTests {

    @LocalServerPort
    int port;
    @Autowired
    SealService seals;
    @Autowired
    Archive archive;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anOfficerCompletesAnAcceptedApplicationAndThePermitIsIssuedOnce() {
        JsonNode accepted = apply();
        String id = accepted.path("id").asString();
        assertThat(accepted.path("status").asString()).isEqualTo("ACCEPTED");

        assertThat(complete(id, "lisi").status()).isEqualTo(403);
        Response unchecked = complete(id, "officer2");
        assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(409);
        assertThat(unchecked.json().path("code").asString()).isEqualTo("IN_PERSON_CHECK_REQUIRED");
        assertThat(archive.packages().find(id + ".issued")).isEmpty();
        Response checked = http.postJson("/api/v1/applications/" + id + "/in-person-check",
                "{\"checked\": \"身份证原件，现场采集相片\", \"result\": \"PASSED\"}", "officer2");
        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        Response done = complete(id, "officer2");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("status").asString()).isEqualTo("ISSUED");
        String permit = done.json().path("certificate").path("number").asString();
        assertThat(permit).startsWith("JZ");
        assertThat(done.json().path("documents").toString()).contains("CERTIFICATE", "NOTICE_ACCEPTED");

        Response pdf = http.get(done.json().path("certificate").path("downloadUrl").asString(), "lisi");
        assertThat(seals.verify(pdf.bytes()).verdict()).isEqualTo(VerificationReport.Verdict.VALID);
        assertThat(archive.packages().find(id + ".issued")).isPresent();

        Response again = complete(id, "officer2");
        assertThat(again.json().path("certificate").path("id").asString())
                .isEqualTo(done.json().path("certificate").path("id").asString());
        assertThat(http.get("/api/v1/applications/" + id, "lisi").json().path("status").asString()).isEqualTo("ISSUED");
    }

    @Test
    void onlyAcceptedApplicationsCanBeCompleted() {
        Response incomplete = http.postMultipart("/api/v1/applications", new Multipart().json("application",
                AcceptanceJourneyTests.REGISTER), AcceptanceJourneyTests.key(), "zhangsan");
        Response refused = complete(incomplete.json().path("id").asString(), "officer");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("NOT_AWAITING_VISIT");
        assertThat(complete(java.util.UUID.randomUUID().toString(), "officer").status()).isEqualTo(404);
    }

    @Test
    void anApplicationIssuedOnTheSpotIsNotCompletedAgain() {
        Response issued = AcceptanceJourneyTests.registerABusiness(http);
        assertThat(issued.json().path("status").asString()).as(issued.body()).isEqualTo("ISSUED");
        String id = issued.json().path("id").asString();

        Response refused = complete(id, "officer");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("code").asString()).isEqualTo("NOT_AWAITING_VISIT");
        assertThat(refused.json().path("detail").asString()).contains("ISSUED");
        // nothing was issued or archived for the refused completion
        assertThat(archive.packages().find(id + ".issued")).isEmpty();
        JsonNode after = http.get("/api/v1/applications/" + id, "zhangsan").json();
        assertThat(after.path("certificate").path("id").asString())
                .isEqualTo(issued.json().path("certificate").path("id").asString());
        assertThat(after.path("documents")).hasSize(1);
    }

    private JsonNode apply() {
        Response r = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", """
                        { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
                          "options": { "delivery": "POST" } }""")
                .file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), AcceptanceJourneyTests.key(), "lisi");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Response complete(String id, String user) {
        return http.post("/api/v1/applications/" + id + "/complete", null, HttpRequest.BodyPublishers.noBody(), user);
    }
}
