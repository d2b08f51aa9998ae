package tongban.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.audit.AuditLog;
import tongban.rules.RulePacks;
import tongban.support.Http;
import tongban.support.Http.Response;
import tools.jackson.databind.JsonNode;

/**
 * A pack's statistics over a period: counts of outcomes, rules fired, tickets per rule and missing materials, and
 * nothing personal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackStatisticsApiTests {

    private static final String STATS = "/api/v1/rule-packs/residence-permit/stats";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RulePacks packs;
    @Autowired
    AuditLog audit;
    Http http;
    RealCases cases;

    @BeforeAll
    void seed() {
        http = new Http(port);
        cases = RealCases.store(jdbc, packs);
    }

    @Test
    void countsOutcomesRulesAndMissingMaterialsOfThePeriod() {
        // a complaint raised that day about the fee rule, as an applicant raises it from /me (table of the tickets module)
        jdbc.sql("insert into ticket (id, application_id, subject_id, item, kind, text, rule, status, created_at) "
                        + "select gen_random_uuid(), id, subject_id, item, 'COMPLAINT', 'why 20 yuan?', "
                        + "'A replacement card costs 20 yuan', 'OPEN', created_at from application "
                        + "where item = 'residence-permit' and created_at >= ? and created_at < ? order by created_at limit 1")
                .params(java.sql.Timestamp.valueOf(cases.day.atStartOfDay().minusHours(8)),
                        java.sql.Timestamp.valueOf(cases.day.plusDays(1).atStartOfDay()))
                .update();
        Response r = http.get(STATS + "?" + cases.query(), "policy");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.path("from").asString()).isEqualTo(cases.day.toString());
        assertThat(s.path("applications").asLong()).isEqualTo(6);
        assertThat(s.path("outcomes").path("ACCEPTED").asLong()).isEqualTo(3);
        assertThat(s.path("outcomes").path("INELIGIBLE").asLong()).isEqualTo(2);
        assertThat(s.path("outcomes").path("INCOMPLETE").asLong()).isEqualTo(1);
        assertThat(fired(s, "A resident with a Shanghai hukou does not need a residence permit")).isEqualTo(1);
        assertThat(fired(s, "A first permit needs the required period of registered residence")).isEqualTo(1);
        assertThat(fired(s, "A replacement card costs 20 yuan")).isEqualTo(2);
        assertThat(ruleField(s, "A replacement card costs 20 yuan", "tickets")).isEqualTo(1);
        assertThat(ruleField(s, "A first permit needs the required period of registered residence", "tickets")).isZero();
        // a rule no case fired is listed with 0, so the officer sees it too
        assertThat(fired(s, "A first permit on the ground of study needs enrolment in Shanghai")).isZero();
        assertThat(s.path("missingMaterials").toString()).contains("{\"code\":\"residence-registration\",\"missing\":1,\"rejected\":0}");
        ImpactPreviewApiTests.assertNoPersonalData(r);
        assertThat(audit.recent(20, "RULE_PACK_STATS_READ", "rule-pack/residence-permit"))
                .anyMatch(e -> e.actor().equals("policy") && e.detail().toString().contains(cases.day.toString()));
    }

    @Test
    void anEmptyPeriodCountsNothing() {
        JsonNode s = http.get(STATS + "?from=2000-01-01&to=2000-01-31", "policy").json();
        assertThat(s.path("applications").asLong()).isZero();
        assertThat(s.path("missingMaterials")).isEmpty();
        assertThat(s.path("rules")).isNotEmpty().allMatch(rule -> rule.path("fired").asLong() == 0);
    }

    @Test
    void badPeriodsAndUnknownItemsAreRefusedWithCodes() {
        Problems.assertProblem(http.get(STATS + "?from=yesterday", "policy"), 400, "INVALID_PERIOD");
        Problems.assertProblem(http.get(STATS + "?from=%3Cscript%3E", "policy"), 400, "INVALID_PERIOD");
        Problems.assertProblem(http.get(STATS + "?from=2026-02-01&to=2026-01-31", "policy"), 400, "INVALID_PERIOD");
        Problems.assertProblem(http.get(STATS + "?from=2020-01-01&to=2026-01-31", "policy"), 400, "INVALID_PERIOD");
        Problems.assertProblem(http.get("/api/v1/rule-packs/no-such-item/stats", "policy"), 404, "UNKNOWN_ITEM");
    }

    @Test
    void onlyPolicyStaffMayReadStatistics() {
        Problems.assertProblem(http.get(STATS, null), 401, "UNAUTHENTICATED");
        for (String user : List.of("zhangsan", "acme", "officer", "agent", "operator", "supervisor")) {
            Problems.assertProblem(http.get(STATS, user), 403, "FORBIDDEN");
        }
    }

    private static long fired(JsonNode stats, String rule) {
        return ruleField(stats, rule, "fired");
    }

    private static long ruleField(JsonNode stats, String rule, String field) {
        for (JsonNode r : stats.path("rules")) {
            if (r.path("rule").asString().equals(rule)) {
                return r.path(field).asLong();
            }
        }
        throw new AssertionError("rule not listed: " + rule);
    }
}
