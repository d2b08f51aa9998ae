package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The window officer's API: the district queue (李四 lives in 浦东新区, so officer2 serves his online application and
 * officer of 黄浦区 cannot even see it), the in-person check that completion needs, a failed check that breaks
 * 最多跑一次, window submissions for a walk-in, the audit of every read and act, bad input and role boundaries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WindowOfficerApiTests {

    static final String PERMIT = """
            { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
              "options": { "delivery": "POST" } }""";
    static final String LISI = "320102199203154514";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anOnlineApplicationIsServedByItsResidenceDistrictOnlyAndCompletedAfterAPassedCheck() {
        String id = applyOnline();

        assertThat(ids(http.get("/api/v1/officer/queue?size=100&item=residence-permit", "officer2"))).contains(id);
        assertThat(ids(http.get("/api/v1/officer/queue?size=100", "officer"))).doesNotContain(id);
        for (Response other : List.of(http.get("/api/v1/officer/applications/" + id, "officer"),
                check(id, "officer", "{\"checked\":\"身份证原件\",\"result\":\"PASSED\"}"), complete(id, "officer"),
                http.get("/api/v1/officer/applications/" + id + "/materials/0", "officer"))) {
            assertProblem(other, 404, "APPLICATION_NOT_FOUND");
        }

        assertProblem(complete(id, "officer2"), 409, "IN_PERSON_CHECK_REQUIRED");
        Response passed = check(id, "officer2", "{\"checked\":\"核验身份证原件，现场采集相片\",\"result\":\"PASSED\"}");
        assertThat(passed.status()).as(passed.body()).isEqualTo(201);
        assertThat(passed.json().path("visit").asInt()).isEqualTo(1);
        assertThat(passed.json().path("step").asString()).isEqualTo("FIRST_ISSUE_CHECK");
        assertThat(passed.json().path("breaksAtMostOnce").asBoolean()).isFalse();
        assertProblem(check(id, "officer2", "{\"checked\":\"again\",\"result\":\"PASSED\"}"), 409, "ALREADY_CHECKED");

        JsonNode seen = http.get("/api/v1/officer/applications/" + id, "officer2").json();
        assertThat(seen.path("channel").asString()).isEqualTo("ONLINE");
        assertThat(seen.path("district").asString()).isEqualTo("310115");
        assertThat(seen.path("applicant").path("idMasked").asString()).doesNotContain(LISI).startsWith("3201");
        assertThat(seen.path("application").path("decision").path("reasons").isArray()).isTrue();
        assertThat(seen.path("checks")).hasSize(1);
        assertThat(seen.path("stepsDue")).isEmpty();
        Response photo = http.get(seen.path("files").get(0).path("viewUrl").asString(), "officer2");
        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.bytes()).isEqualTo(Fixtures.jpeg());
        assertThat(photo.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("sandbox");

        Response done = complete(id, "officer2");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("status").asString()).isEqualTo("ISSUED");
        assertProblem(check(id, "officer2", "{\"checked\":\"late\",\"result\":\"PASSED\"}"), 409, "NOT_AWAITING_VISIT");
        assertThat(ids(http.get("/api/v1/officer/queue?size=100", "officer2"))).doesNotContain(id);

        JsonNode audit = http.get("/api/v1/audit?limit=1000&target=application/" + id, "operator").json();
        assertThat(audit.toString()).contains("IN_PERSON_CHECK_RECORDED", "APPLICATION_READ_BY_OFFICER", "MATERIAL_VIEWED",
                "APPLICATION_COMPLETED");
        assertThat(http.get("/api/v1/audit?limit=10&action=OFFICER_QUEUE_READ", "operator").json().toString())
                .contains("officer2", "district/310115");
    }

    @Test
    void aFailedCheckThatNeedsASecondVisitBreaksTheOneTripPromiseAndIsReported() {
        String id = applyOnline();
        long before = http.get("/api/v1/officer/report", "officer2").json().path("atMostOnceBroken").asLong();

        // sent twice with one key (a double click): one check, one visit
        String key = "check-" + UUID.randomUUID();
        Response failed = checkWithKey(id, "officer2", "{\"checked\":\"身份证原件已过期\",\"result\":\"FAILED\"}", key);
        assertThat(failed.status()).as(failed.body()).isEqualTo(201);
        assertThat(failed.json().path("breaksAtMostOnce").asBoolean()).isTrue();
        Response again = checkWithKey(id, "officer2", "{\"checked\":\"身份证原件已过期\",\"result\":\"FAILED\"}", key);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("visit").asInt()).isEqualTo(failed.json().path("visit").asInt()).isEqualTo(1);
        assertThat(checkWithKey(id, "officer2", "{\"checked\":\"x\",\"result\":\"FAILED\"}", "k".repeat(101)).status())
                .isEqualTo(400);
        Response passed = check(id, "officer2", "{\"checked\":\"新证件\",\"result\":\"PASSED\",\"step\":\"FIRST_ISSUE_CHECK\"}");
        assertThat(passed.json().path("visit").asInt()).isEqualTo(2);

        JsonNode report = http.get("/api/v1/officer/report", "officer2").json();
        assertThat(report.path("atMostOnceBroken").asLong()).isEqualTo(before + 1);
        assertThat(report.path("checksFailed").asLong()).isPositive();
        JsonNode seen = http.get("/api/v1/officer/applications/" + id, "officer2").json();
        assertThat(seen.path("visits").path("promised").asInt()).isEqualTo(1);
        assertThat(seen.path("visits").path("taken").asInt()).isEqualTo(2);
        assertThat(seen.path("visits").path("broken").asBoolean()).isTrue();
    }

    @Test
    void aWalkInAppliesAtTheWindowWithTheSameDecisionAndTheApplicantSeesIt() {
        Response r = onBehalf("officer", "{\"idNumber\":\"" + LISI + "\"}", PERMIT, "window-" + UUID.randomUUID());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        assertThat(r.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(r.json().path("documents").toString()).contains("NOTICE_ACCEPTED");

        JsonNode seen = http.get("/api/v1/officer/applications/" + id, "officer").json();
        assertThat(seen.path("channel").asString()).isEqualTo("WINDOW");
        assertThat(seen.path("submittedBy").asString()).isEqualTo("officer");
        assertThat(seen.path("district").asString()).isEqualTo("310101");
        assertThat(seen.path("visits").path("taken").asInt()).isEqualTo(1);
        assertThat(ids(http.get("/api/v1/officer/queue?size=100", "officer"))).contains(id);
        assertProblem(http.get("/api/v1/officer/applications/" + id, "officer2"), 404, "APPLICATION_NOT_FOUND");
        assertThat(http.get("/api/v1/applications", "lisi").body()).contains(id);
        assertThat(http.get("/api/v1/applications/" + id, "lisi").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/audit?limit=1000&target=application/" + id, "operator").body())
                .contains("APPLICATION_SUBMITTED_AT_WINDOW");
    }

    @Test
    void twoCompletionsAtOnceIssueOneCertificate() throws Exception {
        String id = applyOnline();
        assertThat(check(id, "officer2", "{\"checked\":\"身份证原件\",\"result\":\"PASSED\"}").status()).isEqualTo(201);
        int held = http.get("/api/v1/certificates", "lisi").json().size();

        List<Response> both = together(() -> complete(id, "officer2"), () -> complete(id, "officer2"));

        List<String> certificates = both.stream().filter(c -> c.status() == 200)
                .map(c -> c.json().path("certificate").path("id").asString()).distinct().toList();
        assertThat(certificates).hasSize(1);
        both.stream().filter(c -> c.status() != 200)
                .forEach(c -> assertProblem(c, 409, "REQUEST_IN_PROGRESS"));
        assertThat(http.get("/api/v1/certificates", "lisi").json().size()).isEqualTo(held + 1);
    }

    @Test
    void theSameWindowSubmissionTwiceAtOnceIsOneApplication() throws Exception {
        String key = "window-" + UUID.randomUUID();
        // the total, not the first page's length: lisi applies in many tests
        long before = applications("lisi");
        Callable<Response> submit = () -> onBehalf("officer", "{\"idNumber\":\"" + LISI + "\"}", PERMIT, key);

        List<Response> both = together(submit, submit);

        // a duplicate still waiting when its bound passes is told to come again (as for online submissions)
        both.stream().filter(r -> r.status() != 201).forEach(r -> assertProblem(r, 409, "REQUEST_IN_PROGRESS"));
        Response again = submit.call();
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(both.stream().filter(r -> r.status() == 201).map(r -> r.json().path("id").asString()))
                .containsOnly(again.json().path("id").asString());
        assertThat(applications("lisi")).isEqualTo(before + 1);
    }

    private long applications(String user) {
        return Long.parseLong(http.get("/api/v1/applications", user).headers().firstValue("X-Total-Count").orElseThrow());
    }

    @Test
    void badInputGetsAProblemWithAStableCode() {
        String id = applyOnline();
        assertProblem(check(id, "officer2", "{\"result\":\"PASSED\"}"), 400, "INVALID_CHECK", "$.checked");
        assertProblem(check(id, "officer2", "{\"checked\":\"a\\u0000b\",\"result\":\"PASSED\"}"), 400, "INVALID_CHECK",
                "$.checked");
        assertProblem(check(id, "officer2", "{\"checked\":\"" + "长".repeat(501) + "\",\"result\":\"PASSED\"}"), 400,
                "INVALID_CHECK", "$.checked");
        assertProblem(check(id, "officer2", "{\"checked\":\"x\",\"result\":\"MAYBE\"}"), 400, "INVALID_CHECK", "$.result");
        assertProblem(check(id, "officer2", "{\"checked\":\"x\",\"result\":7}"), 400, "INVALID_CHECK", "$.result");
        assertProblem(check(id, "officer2", "{\"checked\":\"x\",\"result\":\"PASSED\",\"step\":\"CARD_PICKUP\"}"), 400,
                "UNKNOWN_STEP", "$.step");
        assertProblem(check(id, "officer2", "{\"checked\":\"x\",\"result\":\"PASSED\",\"x\":1}"), 400, "INVALID_CHECK", "$.x");
        assertProblem(check(id, "officer2", "[1]"), 400, "INVALID_FACTS", "$");
        assertThat(check(id, "officer2", "{not json").json().path("code").asString()).isEqualTo("MALFORMED_JSON");
        assertProblem(check("not-a-uuid", "officer2", "{\"checked\":\"x\",\"result\":\"PASSED\"}"), 404,
                "APPLICATION_NOT_FOUND");
        assertProblem(check(UUID.randomUUID().toString(), "officer2", "{\"checked\":\"x\",\"result\":\"PASSED\"}"), 404,
                "APPLICATION_NOT_FOUND");
        assertThat(http.get("/api/v1/officer/applications/" + id, "officer2").json().path("checks")).isEmpty();

        assertProblem(http.get("/api/v1/officer/queue?page=-1", "officer"), 400, "INVALID_PAGE");
        assertProblem(http.get("/api/v1/officer/queue?size=101", "officer"), 400, "INVALID_PAGE");
        assertProblem(http.get("/api/v1/officer/queue?size=abc", "officer"), 400, "INVALID_PAGE");
        assertProblem(http.get("/api/v1/officer/queue?item=no-such-item", "officer"), 404, "UNKNOWN_ITEM");
        assertProblem(http.get("/api/v1/officer/applications/" + id + "/materials/9", "officer2"), 404, "MATERIAL_NOT_FOUND");
        assertProblem(http.get("/api/v1/officer/applications/" + id + "/materials/x", "officer2"), 404, "MATERIAL_NOT_FOUND");

        String key = "window-" + UUID.randomUUID();
        assertProblem(http.postMultipart("/api/v1/applications/on-behalf", new Multipart().json("application", PERMIT),
                key, "officer"), 400, "MISSING_PART", "applicant");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"" + LISI + "\",\"creditCode\":\"91310115MA1H7K2X0N\"}", PERMIT,
                key), 400, "INVALID_APPLICANT", "$.applicant");
        assertProblem(onBehalf("officer", "{}", PERMIT, key), 400, "INVALID_APPLICANT", "$.applicant");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"320102199203154515\"}", PERMIT, key), 400, "INVALID_APPLICANT",
                "$.applicant.idNumber");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"<script>alert(1)</script>\"}", PERMIT, key), 400,
                "INVALID_APPLICANT", "$.applicant.idNumber");
        assertProblem(onBehalf("officer", "{\"idNumber\":42}", PERMIT, key), 400, "INVALID_APPLICANT",
                "$.applicant.idNumber");
        assertProblem(onBehalf("officer", "{\"name\":\"张三\"}", PERMIT, key), 400, "INVALID_APPLICANT", "$.applicant.name");
        assertProblem(onBehalf("officer", "[]", PERMIT, key), 400, "INVALID_APPLICANT", "$.applicant");
        assertProblem(onBehalf("officer", "{bad", PERMIT, key), 400, "MALFORMED_JSON");
        // a valid number the base libraries do not hold; and one they hold (赵六) without an account
        assertProblem(onBehalf("officer", "{\"idNumber\":\"110101199003077774\"}", PERMIT, key), 404,
                "APPLICANT_NOT_FOUND", "$.applicant.idNumber");
        assertProblem(onBehalf("officer", "{\"creditCode\":\"" + LISI + "\"}", PERMIT, key), 400, "INVALID_APPLICANT",
                "$.applicant.creditCode");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"310115198008085010\"}", PERMIT, key), 422,
                "APPLICANT_HAS_NO_ACCOUNT", "$.applicant.idNumber");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"" + LISI + "\"}", PERMIT, null), 400,
                "IDEMPOTENCY_KEY_REQUIRED");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"" + LISI + "\"}", "{\"item\":\"nope\"}", key), 404,
                "UNKNOWN_ITEM");
        assertProblem(onBehalf("officer", "{\"idNumber\":\"" + LISI + "\"}",
                "{\"item\":\"residence-permit\",\"form\":{\"applicationType\":\"<b>x</b>\"}}", key), 400, "INVALID_FACTS",
                "$.form.applicationType");
        assertThat(http.get("/api/v1/applications", "lisi").body()).doesNotContain(key);
    }

    @Test
    void applicantsAndAgentsCannotReachTheOfficersApi() {
        String id = applyOnline();
        for (String user : List.of("lisi", "agent", "policy")) {
            assertProblem(http.get("/api/v1/officer/queue", user), 403, "FORBIDDEN");
            assertProblem(http.get("/api/v1/officer/report", user), 403, "FORBIDDEN");
            assertProblem(http.get("/api/v1/officer/applications/" + id, user), 403, "FORBIDDEN");
            assertProblem(check(id, user, "{\"checked\":\"x\",\"result\":\"PASSED\"}"), 403, "FORBIDDEN");
            assertProblem(complete(id, user), 403, "FORBIDDEN");
            assertProblem(onBehalf(user, "{\"idNumber\":\"" + LISI + "\"}", PERMIT, "window-" + UUID.randomUUID()), 403,
                    "FORBIDDEN");
        }
        assertThat(http.get("/api/v1/officer/queue", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/officer/applications/" + id, "officer2").json().path("checks")).isEmpty();
    }

    private String applyOnline() {
        Response r = http.postMultipart("/api/v1/applications", new Multipart().json("application", PERMIT)
                .file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), AcceptanceJourneyTests.key(), "lisi");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("ACCEPTED");
        return r.json().path("id").asString();
    }

    private Response onBehalf(String officer, String applicant, String application, String key) {
        return http.postMultipart("/api/v1/applications/on-behalf", new Multipart().json("applicant", applicant)
                .json("application", application).file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), key, officer);
    }

    private Response check(String id, String user, String json) {
        return http.postJson("/api/v1/applications/" + id + "/in-person-check", json, user);
    }

    private Response checkWithKey(String id, String user, String json, String key) {
        return http.send("POST", "/api/v1/applications/" + id + "/in-person-check",
                HttpRequest.BodyPublishers.ofString(json, java.nio.charset.StandardCharsets.UTF_8), user,
                "application/json", key);
    }

    private Response complete(String id, String user) {
        return http.post("/api/v1/applications/" + id + "/complete", null, HttpRequest.BodyPublishers.noBody(), user);
    }

    private static List<String> ids(Response queue) {
        assertThat(queue.status()).as(queue.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        queue.json().path("items").forEach(e -> ids.add(e.path("id").asString()));
        return ids;
    }

    @SafeVarargs
    private static List<Response> together(Callable<Response>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Response>> futures = pool.invokeAll(List.of(calls));
            List<Response> responses = new java.util.ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }

    static void assertProblem(Response r, int status, String code, String... field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.body()).isTrue();
        assertThat(r.json().path("code").asString()).as(r.body()).isEqualTo(code);
        if (field.length > 0) {
            assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(field[0]);
        }
    }
}
