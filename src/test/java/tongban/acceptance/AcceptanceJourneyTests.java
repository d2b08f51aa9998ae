package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.identity.CreditCode;
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The real journeys on the embedded stack (PostgreSQL, S3, Drools, iText, Tika, Bouncy Castle): register a
 * business and get a licence; reuse it for a food licence; a residence permit that costs two trips with pickup
 * and one by post; idempotent and concurrent submissions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class AcceptanceJourneyTests {

    public static final String REGISTER = """
            { "item": "individual-business-registration",
              "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general", "catering"],
                        "premisesAddress": "上海市黄浦区南京东路1号" },
              "options": { "delivery": "ONLINE" } }""";

    @LocalServerPort
    int port;
    @Autowired
    SealService seals;
    @Autowired
    tongban.archive.Archive archive;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aPersonRegistersABusinessThenReusesTheLicenceForAFoodLicence() {
        Response registered = submit("zhangsan", key(), REGISTER,
                new Multipart().file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode a = registered.json();
        assertThat(a.path("status").asString()).isEqualTo("ISSUED");
        assertThat(a.path("decision").path("reasons").toString()).contains("FOOD_LICENCE_REQUIRED_AFTER");
        String licence = a.path("certificate").path("number").asString();
        assertThat(CreditCode.parse(licence).value()).startsWith("92");
        assertSealedAndValid(a.path("certificate").path("downloadUrl").asString(), "zhangsan");
        assertThat(http.get("/api/v1/certificates", "zhangsan").body()).contains(licence);
        // the whole file of the application is kept: a BagIt package with the decision and the sealed certificate
        var bag = archive.packages().find(a.path("id").asString());
        assertThat(bag).isPresent();
        assertThat(new String(archive.packages().content(a.path("id").asString()).orElseThrow(),
                java.nio.charset.StandardCharsets.ISO_8859_1)).contains("manifest-sha256.txt", "bag-info.txt");

        Response food = submit("zhangsan", key(), """
                { "item": "food-business-licence",
                  "form": { "foodCategories": ["catering-hot"], "foodSafetyManager": true },
                  "options": { "commitment": true, "delivery": "ONLINE" } }""",
                new Multipart().file("equipment-layout", "layout.pdf", "application/pdf", Fixtures.pdf("设备布局")));
        assertThat(food.status()).as(food.body()).isEqualTo(201);
        JsonNode b = food.json();
        assertThat(b.path("status").asString()).isEqualTo("ISSUED");
        assertThat(b.path("decision").path("materials").toString())
                .contains("{\"code\":\"business-licence\",\"status\":\"REUSED\"")
                .contains("{\"code\":\"food-safety-rules\",\"status\":\"COMMITTED\"");
        assertThat(b.path("decision").path("timeLimitWorkingDays").asInt()).isZero();
        assertThat(b.path("decision").path("timeLimit").path("kind").asString()).isEqualTo("WORKING");
        assertThat(b.path("certificate").path("number").asString()).matches("JY\\d{14}");
        assertSealedAndValid(b.path("certificate").path("downloadUrl").asString(), "zhangsan");
    }

    @Test
    void aNonLocalResidentIsToldTwoTripsWithPickupAndOneByPost() {
        String permit = """
                { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
                  "options": { "delivery": "%s" } }""";
        Response pickup = submit("lisi", key(), permit.formatted("PICKUP"),
                new Multipart().file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()));
        assertThat(pickup.status()).as(pickup.body()).isEqualTo(201);
        JsonNode decision = pickup.json().path("decision");
        assertThat(decision.path("outcome").asString()).isEqualTo("ACCEPTABLE");
        assertThat(decision.path("visits").path("count").asInt()).isEqualTo(2);
        assertThat(decision.path("atMostOnce").asBoolean()).isFalse();
        assertThat(decision.path("visits").path("suggestions").toString()).contains("USE_POSTAL_DELIVERY");
        // a first permit's photo is taken at the centre on the check trip: it is no material of the application
        assertThat(decision.path("materials").toString()).doesNotContain("\"photo\"")
                .contains("{\"code\":\"residence-registration\",\"status\":\"REUSED\"");
        assertThat(decision.path("timeLimit").path("kind").asString()).isEqualTo("CALENDAR");
        assertThat(decision.path("timeLimitWorkingDays").isNull()).isTrue();
        // the first permit waits for the in-person check: accepted, not yet issued
        assertThat(pickup.json().path("status").asString()).isEqualTo("ACCEPTED");

        Response post = submit("lisi", key(), permit.formatted("POST"),
                new Multipart().file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()));
        assertThat(post.json().path("decision").path("visits").path("count").asInt()).isEqualTo(1);
        assertThat(post.json().path("decision").path("atMostOnce").asBoolean()).isTrue();
    }

    @Test
    void theSameKeyAndBodyReturnTheSameCertificateAndADifferentBodyIsAConflict() {
        String key = key();
        Multipart files = new Multipart().file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("lease"))
                .json("application", REGISTER);
        Response first = http.postMultipart("/api/v1/applications", files, key, "zhangsan");
        Response again = http.postMultipart("/api/v1/applications", files, key, "zhangsan");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(again.json().path("certificate").path("id").asString())
                .isEqualTo(first.json().path("certificate").path("id").asString());

        Response other = submit("zhangsan", key, REGISTER.replace("南京东路1号", "南京东路2号"),
                new Multipart().file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("lease")));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void concurrentDuplicateSubmissionsIssueExactlyOneCertificate() throws Exception {
        String key = key();
        byte[] lease = Fixtures.pdf("lease for a concurrent test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit((Callable<Response>) () -> submit("zhangsan", key, REGISTER,
                    new Multipart().file("premises-proof", "lease.pdf", "application/pdf", lease))));
        }
        List<String> certificates = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response r = answer.get();
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            certificates.add(r.json().path("certificate").path("id").asString());
        }
        pool.shutdown();
        assertThat(certificates).hasSize(4).containsOnly(certificates.get(0));
        assertThat(certificates.get(0)).isNotBlank();
    }

    private Response submit(String user, String key, String application, Multipart files) {
        return http.postMultipart("/api/v1/applications", files.json("application", application), key, user);
    }

    private void assertSealedAndValid(String downloadUrl, String user) {
        Response pdf = http.get(downloadUrl, user);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(seals.verify(pdf.bytes()).verdict()).isEqualTo(VerificationReport.Verdict.VALID);
    }

    static String key() {
        return "test-" + UUID.randomUUID();
    }

    /** Journey A as 张三 with a lease, under a new key: a business licence issued on the spot. */
    static Response registerABusiness(Http http) {
        return http.postMultipart("/api/v1/applications", new Multipart().json("application", REGISTER)
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")), key(), "zhangsan");
    }
}
