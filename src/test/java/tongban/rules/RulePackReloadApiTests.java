package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.rules.EvaluateApiTests.EXAMPLE_1;
import static tongban.rules.EvaluateApiTests.assertProblem;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.support.Http;
import tongban.support.Http.Response;

/** Policy staff reload and test packs over HTTP; a broken pack changes nothing that serves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulePackReloadApiTests {

    private static final Path RULES = createTempRules();
    private static final String A = "individual-business-registration/";
    private static final String EVALUATE = "/api/v1/items/individual-business-registration/evaluate";
    private static final String RELOAD = "/api/v1/rule-packs/reload";

    @DynamicPropertySource
    static void rules(DynamicPropertyRegistry registry) {
        registry.add("tongban.rules.dir", RULES::toString);
    }

    @LocalServerPort
    int port;
    Http http;
    PackFixture packs;

    @BeforeEach
    void client() {
        http = new Http(port);
        packs = PackFixture.copyOfShippedPacks(RULES);
    }

    @AfterEach
    void restore() {
        packs.restoreFromShipped();
        assertThat(reload("policy").status()).isEqualTo(200);
    }

    @Test
    void onlyPolicyStaffMayListReloadOrTestPacks() {
        for (String path : List.of(RELOAD, "/api/v1/rule-packs/test")) {
            assertProblem(reloadLike(path, null), 401, "UNAUTHENTICATED");
            assertProblem(reloadLike(path, "zhangsan"), 403, "FORBIDDEN");
            assertProblem(reloadLike(path, "officer"), 403, "FORBIDDEN");
            assertProblem(reloadLike(path, "operator"), 403, "FORBIDDEN");
        }
        assertProblem(http.get("/api/v1/rule-packs", "zhangsan"), 403, "FORBIDDEN");
        assertThat(http.get("/api/v1/rule-packs", "policy").status()).isEqualTo(200);
    }

    @Test
    void aChangedRuleServesAfterReloadWithANewVersion() {
        String before = evaluate().path("packVersion").asString();
        packs.replace(A + "eligibility.drl", "age < $p.value(\"adulthoodAge\"), !ownLabourIncome",
                "age < 40, !ownLabourIncome");
        Response reloaded = reload("policy");
        assertThat(reloaded.status()).isEqualTo(200);
        var after = evaluate();
        assertThat(after.path("packVersion").asString()).isNotEqualTo(before);
        assertThat(after.path("outcome").asString()).isEqualTo("INELIGIBLE");
        assertThat(after.path("reasons").toString()).contains("MINOR_WITHOUT_OWN_INCOME");
    }

    @Test
    void aBrokenPackIsRefusedWithEveryErrorAndTheOldPacksKeepServing() {
        String before = evaluate().path("packVersion").asString();
        packs.replace(A + "eligibility.drl", "Applicant( publicServant )", "Applicant( publicServent )")
                .replace(A + "materials.drl", "this.flag(\"agent\")", "this.flag(\"agnet\")");
        Response refused = reload("policy");
        assertProblem(refused, 422, "RULE_PACK_INVALID");
        assertThat(refused.json().path("errors").toString())
                .containsPattern("individual-business-registration/eligibility\\.drl:\\d+:\\d+: ")
                .containsPattern("individual-business-registration/materials\\.drl:\\d+:\\d+: unknown field 'agnet'");
        var after = evaluate();
        assertThat(after.path("packVersion").asString()).isEqualTo(before);
        assertThat(after.path("outcome").asString()).isEqualTo("ACCEPTABLE");
    }

    @Test
    void scenariosRunOverHttpAndReportFailures() {
        Response ok = reloadLike("/api/v1/rule-packs/test", "policy");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("failed").asLong()).isZero();
        assertThat(ok.json().path("passed").asLong()).isPositive();

        // a dated parameter changed in place: the minimum age of 16 becomes 17
        packs.replace(A + "parameters.yaml", "value: 16", "value: 17");
        assertThat(reload("policy").status()).isEqualTo(200);
        Response failing = reloadLike("/api/v1/rule-packs/test", "policy");
        assertThat(failing.json().path("failed").asLong()).isPositive();
        assertThat(failing.body()).contains("MINOR_WITHOUT_OWN_INCOME");
    }

    @Test
    void evaluationsInFlightDuringReloadsAllSucceed() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (running.get()) {
                    statuses.add(http.postJson(EVALUATE, EXAMPLE_1, null).status());
                }
                return statuses;
            }));
        }
        String age = "value: 16";
        for (int i = 0; i < 3; i++) {
            String next = age.equals("value: 16") ? "value: 15" : "value: 16";
            packs.replace(A + "parameters.yaml", age, next);
            age = next;
            assertThat(reload("policy").status()).isEqualTo(200);
        }
        running.set(false);
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> client : clients) {
            statuses.addAll(client.get());
        }
        pool.shutdown();
        assertThat(statuses).isNotEmpty().containsOnly(200);
    }

    private tools.jackson.databind.JsonNode evaluate() {
        Response r = http.postJson(EVALUATE, EXAMPLE_1, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private Response reload(String user) {
        return reloadLike(RELOAD, user);
    }

    private Response reloadLike(String path, String user) {
        return http.post(path, null, HttpRequest.BodyPublishers.noBody(), user);
    }

    /** The application context starts before any test method, so the copy is made when the class loads. */
    private static Path createTempRules() {
        return PackFixture.copyOfShippedPacks(tongban.support.TempFolders.create("tongban-rules").resolve("rules")).dir;
    }
}
