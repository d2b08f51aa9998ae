package tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.support.Http;
import tongban.support.Http.Response;
import tools.jackson.databind.JsonNode;

/**
 * 双随机一公开 over HTTP on the embedded stack: a draw is published, seeded by a second supervisor, and repeated by the
 * published script to the same selection; a record changed after publication is caught by the script; declared
 * conflicts are respected; a failed inspection revokes a food licence, which the status endpoint shows at once; bad
 * input and wrong roles get problem+json with stable codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupervisionApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theScriptRedrawsThePublishedSelectionAndConflictsAreRespected() {
        for (int i = 0; i < 3; i++) {
            Licences.businessLicence(http, "上海市黄浦区抽查便利店" + "一二三".charAt(i));
        }
        // every holder of the district listed now, from a first publication, so the first inspector declares a conflict with each
        List<String> holders = Licences.numbers(Licences.publish(http, """
                { "licenceType": "business-licence", "district": "310101", "count": 1,
                  "inspectors": [ { "badge": "SH-0001" }, { "badge": "SH-0002" } ] }"""));
        assertThat(holders).hasSizeGreaterThanOrEqualTo(3);
        String conflicts = String.join("\", \"", holders);
        JsonNode published = Licences.publish(http, """
                { "licenceType": "business-licence", "district": "310101", "sharePercent": 60,
                  "inspectors": [ { "badge": "SH-0003", "conflicts": ["%s"] }, { "badge": "SH-0001" }, { "badge": "SH-0002" },
                                  { "badge": "SH-0004", "conflicts": ["%s"] } ] }""".formatted(conflicts, holders.get(0)));
        String id = published.path("id").asString();
        assertThat(published.path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.path("seed").isNull()).isTrue();
        assertThat(published.path("inspections")).isEmpty();
        assertThat(published.path("holdersSha256").asString()).hasSize(64);
        // nothing is drawn before the seed: the script says so and finds the publication consistent
        Licences.Redraw before = Licences.redraw(Licences.save(published.toString()).toString());
        assertThat(before.exit()).as(before.output()).isZero();
        assertThat(before.output()).contains("the seed is not fixed yet");

        Response own = http.postJson("/api/v1/supervision/draws/" + id + "/seed",
                "{\"source\": \"lottery\", \"value\": \"123\"}", "supervisor");
        assertThat(own.status()).as(own.body()).isEqualTo(409);
        assertThat(own.json().path("code").asString()).isEqualTo("SEED_BY_SAME_SUPERVISOR");

        JsonNode drawn = Licences.seed(http, id, "4 7 1");
        assertThat(drawn.path("status").asString()).isEqualTo("DRAWN");
        int expected = (int) Math.ceil(holders.size() * 0.6);
        assertThat(drawn.path("inspections")).hasSize(expected);
        for (JsonNode inspection : drawn.path("inspections")) {
            List<String> badges = new ArrayList<>();
            inspection.path("inspectors").forEach(b -> badges.add(b.asString()));
            assertThat(badges).hasSize(2).doesNotHaveDuplicates().doesNotContain("SH-0003");
            if (inspection.path("licenceNumber").asString().equals(holders.get(0))) {
                assertThat(badges).containsExactlyInAnyOrder("SH-0001", "SH-0002");
            }
        }
        Response again = http.postJson("/api/v1/supervision/draws/" + id + "/seed",
                "{\"source\": \"lottery\", \"value\": \"999\"}", "supervisor2");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("ALREADY_SEEDED");

        // the public record, fetched by the script itself, gives the same selection
        Licences.Redraw redraw = Licences.redraw("http://127.0.0.1:" + port + "/api/v1/supervision/draws/" + id);
        assertThat(redraw.exit()).as(redraw.output()).isZero();
        assertThat(redraw.output()).contains("OK: the record is consistent");
        for (JsonNode inspection : drawn.path("inspections")) {
            assertThat(redraw.output()).contains(inspection.path("licenceNumber").asString() + "\t"
                    + inspection.path("inspectors").get(0).asString() + " " + inspection.path("inspectors").get(1).asString());
        }
        // a saved copy checked against the publication hash noted when it was published
        String saved = Licences.save(http.get("/api/v1/supervision/draws/" + id, null).body()).toString();
        assertThat(Licences.redraw(saved, "--publication", published.path("publicationSha256").asString()).exit()).isZero();
    }

    @Test
    void aDrawChangedAfterPublicationIsDetected() {
        Licences.businessLicence(http, "上海市黄浦区篡改测试商店");
        JsonNode published = Licences.publish(http, """
                { "licenceType": "business-licence", "count": 2,
                  "inspectors": [ { "badge": "A-1" }, { "badge": "A-2" }, { "badge": "A-3" } ] }""");
        String id = published.path("id").asString();
        Licences.seed(http, id, "08 15 22 29 30 33 + 05");
        UUID draw = UUID.fromString(id);

        // a holder's name swapped in the stored list: the list no longer hashes to what was published
        jdbc.sql("update supervision_draw set holders = jsonb_set(holders, '{0,name}', '\"某某公司\"') where id = ?")
                .param(draw).update();
        Licences.Redraw renamed = Licences.redraw("http://127.0.0.1:" + port + "/api/v1/supervision/draws/" + id);
        assertThat(renamed.exit()).as(renamed.output()).isEqualTo(1);
        assertThat(renamed.output()).contains("MISMATCH: the holders list does not hash to holdersSha256");

        // the lists restored, but an inspection handed to other inspectors than the draw chose
        jdbc.sql("update supervision_draw set holders = ?::jsonb where id = ?")
                .params(http.get("/api/v1/supervision/draws/" + id, null).json().path("holders").toString()
                        .replace("某某公司", published.path("holders").get(0).path("name").asString()), draw).update();
        assertThat(Licences.redraw("http://127.0.0.1:" + port + "/api/v1/supervision/draws/" + id).exit()).isZero();
        jdbc.sql("update supervision_inspection set inspectors = '[\"A-9\", \"A-8\"]'::jsonb where draw_id = ? and seq = 1")
                .param(draw).update();
        Licences.Redraw steered = Licences.redraw("http://127.0.0.1:" + port + "/api/v1/supervision/draws/" + id);
        assertThat(steered.exit()).as(steered.output()).isEqualTo(1);
        assertThat(steered.output()).contains("MISMATCH: the published inspections are not the ones this draw selects");

        // a record rewritten whole (lists, hashes, seed and selection recomputed) differs from the hash noted at publication
        String rewritten = published.toString().replace(published.path("publicationSha256").asString(), "0".repeat(64));
        Licences.Redraw noted = Licences.redraw(Licences.save(rewritten).toString(), "--publication",
                published.path("publicationSha256").asString());
        assertThat(noted.exit()).as(noted.output()).isEqualTo(1);
        assertThat(noted.output()).contains("not the " + published.path("publicationSha256").asString() + " you noted");
    }

    @Test
    void aFailedInspectionRevokesTheFoodLicenceAndTheRegistryShowsItAtOnce() {
        Licences.businessLicence(http, "上海市黄浦区张三小吃店");
        JsonNode licence = Licences.foodLicence(http);
        String number = licence.path("number").asString();
        JsonNode drawn = Licences.seed(http, Licences.publish(http, """
                { "licenceType": "food-business-licence", "sharePercent": 100,
                  "inspectors": [ { "badge": "F-1" }, { "badge": "F-2" } ] }""").path("id").asString(), "20261204");
        JsonNode inspection = null;
        for (JsonNode i : drawn.path("inspections")) {
            if (i.path("licenceNumber").asString().equals(number)) {
                inspection = i;
            }
        }
        assertThat(inspection).as(drawn.toString()).isNotNull();
        assertThat(inspection.path("name").asString()).isEqualTo("上海市黄浦区张三小吃店");
        String path = "/api/v1/supervision/inspections/" + inspection.path("id").asString() + "/result";

        assertThat(http.postJson(path, "{\"outcome\": \"REVOKED\", \"findings\": \"x\"}", "officer").status()).isEqualTo(403);
        Response revoked = http.postJson(path, """
                { "outcome": "REVOKED", "findings": "后厨无证人员操作，冷藏设备停用，情节严重" }""", "supervisor");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("result").path("outcome").asString()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("result").path("legalBasis").asString()).contains("食品安全法");

        JsonNode status = http.get("/api/v1/certificates/" + licence.path("id").asString() + "/status", null).json();
        assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("REVOKED");
        Response twice = http.postJson(path, "{\"outcome\": \"PASSED\", \"findings\": \"ok\"}", "supervisor");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asString()).isEqualTo("RESULT_ALREADY_RECORDED");

        // published without the inspectors' words; the licence is gone from the next draw
        String record = http.get("/api/v1/supervision/draws/" + drawn.path("id").asString(), null).body();
        assertThat(record).contains("REVOKED").doesNotContain("后厨无证人员");
        Response next = http.postJson("/api/v1/supervision/draws", """
                { "licenceType": "food-business-licence", "count": 5, "inspectors": [ { "badge": "F-1" }, { "badge": "F-2" } ] }""",
                "supervisor");
        assertThat(next.body()).doesNotContain(number);
    }

    @Test
    void aBusinessLicenceIsOrderedToRectifyAndNotRevokedWithoutALaw() {
        Licences.businessLicence(http, "上海市黄浦区整改测试商店");
        JsonNode drawn = Licences.seed(http, Licences.publish(http, """
                { "licenceType": "business-licence", "count": 2,
                  "inspectors": [ { "badge": "B-1" }, { "badge": "B-2" } ] }""").path("id").asString(), "77");
        String first = "/api/v1/supervision/inspections/" + drawn.path("inspections").get(0).path("id").asString() + "/result";
        Response refused = http.postJson(first, "{\"outcome\": \"REVOKED\", \"findings\": \"经营场所与登记不符\"}", "supervisor");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("REVOCATION_NOT_ALLOWED");

        String by = LocalDate.now().plusDays(30).toString();
        Response order = http.postJson(first, "{\"outcome\": \"RECTIFY\", \"findings\": \"经营场所与登记不符\", \"rectifyBy\": \""
                + by + "\"}", "supervisor");
        assertThat(order.status()).as(order.body()).isEqualTo(200);
        JsonNode shown = http.get("/api/v1/supervision/draws/" + drawn.path("id").asString(), null).json()
                .path("inspections").get(0).path("result");
        assertThat(shown.path("outcome").asString()).isEqualTo("RECTIFY");
        assertThat(shown.path("rectifyBy").asString()).isEqualTo(by);
        assertThat(shown.path("findings").isNull()).isTrue();
    }

    @Test
    void onlySupervisorsDrawAndRecordAndThePublicRecordHoldsNoPersonalData() {
        Licences.businessLicence(http, "上海市黄浦区角色测试商店");
        String body = """
                { "licenceType": "business-licence", "count": 1, "inspectors": [ { "badge": "R-1" }, { "badge": "R-2" } ] }""";
        for (String user : List.of("zhangsan", "officer", "policy", "agent", "operator")) {
            Response r = http.postJson("/api/v1/supervision/draws", body, user);
            assertThat(r.status()).as(user).isEqualTo(403);
            assertThat(r.json().path("code").asString()).isEqualTo("FORBIDDEN");
        }
        assertThat(http.postJson("/api/v1/supervision/draws", body, null).status()).isEqualTo(401);
        String id = Licences.publish(http, body).path("id").asString();
        assertThat(http.postJson("/api/v1/supervision/draws/" + id + "/seed", "{\"source\": \"s\", \"value\": \"1\"}",
                "zhangsan").status()).isEqualTo(403);
        JsonNode drawn = Licences.seed(http, id, "5");
        String result = "/api/v1/supervision/inspections/" + drawn.path("inspections").get(0).path("id").asString() + "/result";
        assertThat(http.postJson(result, "{\"outcome\": \"PASSED\", \"findings\": \"ok\"}", "zhangsan").status()).isEqualTo(403);
        assertThat(http.postJson(result, "{\"outcome\": \"PASSED\", \"findings\": \"ok\"}", null).status()).isEqualTo(401);

        Response open = http.get("/api/v1/supervision/draws/" + id, null);
        assertThat(open.status()).isEqualTo(200);
        // no ID number, no person's name, no login of the supervisors
        assertThat(open.body()).doesNotContain("310101199001011234", "张三\"", "zhangsan", "supervisor");
    }

    @Test
    void badInputIsAProblemWithAStableCodeOnEveryEndpoint() {
        Licences.businessLicence(http, "上海市黄浦区输入测试商店");
        String markup = "<script>alert(1)</script>";
        record Case(String body, String code, String field) {
        }
        List<Case> draws = List.of(
                new Case("[]", "MALFORMED_JSON", "$"),
                new Case("{\"count\": 1, \"inspectors\": []}", "UNKNOWN_LICENCE_TYPE", "$.licenceType"),
                new Case("{\"licenceType\": \"" + markup + "\", \"count\": 1, \"inspectors\": [{\"badge\":\"a\"},{\"badge\":\"b\"}]}",
                        "UNKNOWN_LICENCE_TYPE", "$.licenceType"),
                new Case("{\"licenceType\": \"residence-permit\", \"count\": 1, \"inspectors\": [{\"badge\":\"a\"},{\"badge\":\"b\"}]}",
                        "UNKNOWN_LICENCE_TYPE", "$.licenceType"),
                new Case("{\"licenceType\": \"business-licence\", \"district\": \"" + markup + "\", \"count\": 1}",
                        "INVALID_DISTRICT", "$.district"),
                new Case("{\"licenceType\": \"business-licence\", \"inspectors\": []}", "INVALID_SHARE", "$.sharePercent"),
                new Case("{\"licenceType\": \"business-licence\", \"count\": 1, \"sharePercent\": 5}", "INVALID_SHARE", "$.sharePercent"),
                new Case("{\"licenceType\": \"business-licence\", \"sharePercent\": 101}", "INVALID_SHARE", "$.sharePercent"),
                new Case("{\"licenceType\": \"business-licence\", \"count\": \"2\"}", "INVALID_SHARE", "$.count"),
                new Case("{\"licenceType\": \"business-licence\", \"count\": 1, \"inspectors\": [{\"badge\": \"a\"}]}",
                        "INVALID_INSPECTORS", "$.inspectors"),
                new Case("{\"licenceType\": \"business-licence\", \"count\": 1, \"inspectors\": [{\"badge\": \"a\"}, {\"badge\": \""
                        + markup + "\"}]}", "INVALID_BADGE", "$.inspectors[1].badge"),
                new Case("{\"licenceType\": \"business-licence\", \"count\": 1, \"inspectors\": [{\"badge\": \"a\"}, {\"badge\": \"a\"}]}",
                        "INVALID_BADGE", "$.inspectors[1].badge"),
                new Case("{\"licenceType\": \"business-licence\", \"count\": 1, \"inspectors\": [{\"badge\": \"a\", \"conflicts\": [\""
                        + markup + "\"]}, {\"badge\": \"b\"}]}", "INVALID_CONFLICT", "$.inspectors[0].conflicts[0]"));
        for (Case c : draws) {
            assertProblem(http.postJson("/api/v1/supervision/draws", c.body(), "supervisor"), 400, c.code(), c.field());
        }
        assertProblem(http.postJson("/api/v1/supervision/draws", "{\"licenceType\": ", "supervisor"), 400, "MALFORMED_JSON", null);
        assertThat(http.post("/api/v1/supervision/draws", "text/plain", HttpRequest.BodyPublishers.ofString("x"),
                "supervisor").status()).isEqualTo(415);
        assertProblem(http.postJson("/api/v1/supervision/draws", "{\"licenceType\": \"business-licence\", \"district\": \"999999\","
                + " \"count\": 1, \"inspectors\": [{\"badge\": \"a\"}, {\"badge\": \"b\"}]}", "supervisor"), 422, "NO_HOLDERS", null);
        JsonNode holders = Licences.publish(http, "{\"licenceType\": \"business-licence\", \"count\": 1,"
                + " \"inspectors\": [{\"badge\": \"a\"}, {\"badge\": \"b\"}]}");
        assertProblem(http.postJson("/api/v1/supervision/draws", "{\"licenceType\": \"business-licence\", \"count\": 1,"
                + " \"inspectors\": [{\"badge\": \"a\", \"conflicts\": [\"" + Licences.numbers(holders).get(0) + "\"]}, {\"badge\": \"b\"}]}",
                "supervisor"), 422, "NOT_ENOUGH_INSPECTORS", "$.inspectors");

        String id = holders.path("id").asString();
        for (String body : List.of("{}", "{\"source\": \"s\"}", "{\"source\": \"s\", \"value\": \"a\\u0000b\"}",
                "{\"source\": \"s\\nt\", \"value\": \"1\"}", "{\"source\": \"s\", \"value\": \"" + "9".repeat(201) + "\"}",
                "{\"source\": \"s\", \"value\": 7}")) {
            Response r = http.postJson("/api/v1/supervision/draws/" + id + "/seed", body, "supervisor2");
            assertProblem(r, 400, "INVALID_SEED", r.json().path("field").asString());
            assertThat(r.json().path("field").asString()).isIn("$.source", "$.value");
        }
        assertProblem(http.postJson("/api/v1/supervision/draws/" + UUID.randomUUID() + "/seed",
                "{\"source\": \"s\", \"value\": \"1\"}", "supervisor2"), 404, "DRAW_NOT_FOUND", null);
        assertProblem(http.postJson("/api/v1/supervision/draws/not-a-draw/seed", "{\"source\": \"s\", \"value\": \"1\"}",
                "supervisor2"), 404, "DRAW_NOT_FOUND", null);
        assertProblem(http.get("/api/v1/supervision/draws/" + UUID.randomUUID(), null), 404, "DRAW_NOT_FOUND", null);
        assertProblem(http.get("/api/v1/supervision/draws/" + markup.replace("<", "%3C").replace(">", "%3E")
                .replace("(", "%28").replace(")", "%29").replace("/", ""), null), 404, "DRAW_NOT_FOUND", null);

        JsonNode drawn = Licences.seed(http, id, "3");
        String result = "/api/v1/supervision/inspections/" + drawn.path("inspections").get(0).path("id").asString() + "/result";
        String later = LocalDate.now().plusDays(10).toString();
        List<Case> results = List.of(
                new Case("{\"findings\": \"x\"}", "INVALID_OUTCOME", "$.outcome"),
                new Case("{\"outcome\": \"" + markup + "\", \"findings\": \"x\"}", "INVALID_OUTCOME", "$.outcome"),
                new Case("{\"outcome\": \"PASSED\"}", "INVALID_FINDINGS", "$.findings"),
                new Case("{\"outcome\": \"PASSED\", \"findings\": \"" + "长".repeat(2001) + "\"}", "INVALID_FINDINGS", "$.findings"),
                new Case("{\"outcome\": \"PASSED\", \"findings\": \"a\\u202eb\"}", "INVALID_FINDINGS", "$.findings"),
                new Case("{\"outcome\": \"RECTIFY\", \"findings\": \"x\"}", "INVALID_RECTIFY_BY", "$.rectifyBy"),
                new Case("{\"outcome\": \"RECTIFY\", \"findings\": \"x\", \"rectifyBy\": \"2020-01-01\"}", "INVALID_RECTIFY_BY", "$.rectifyBy"),
                new Case("{\"outcome\": \"RECTIFY\", \"findings\": \"x\", \"rectifyBy\": \"" + markup + "\"}", "INVALID_RECTIFY_BY", "$.rectifyBy"),
                new Case("{\"outcome\": \"PASSED\", \"findings\": \"x\", \"rectifyBy\": \"" + later + "\"}", "INVALID_RECTIFY_BY", "$.rectifyBy"));
        for (Case c : results) {
            assertProblem(http.postJson(result, c.body(), "supervisor"), 400, c.code(), c.field());
        }
        assertProblem(http.postJson("/api/v1/supervision/inspections/" + UUID.randomUUID() + "/result",
                "{\"outcome\": \"PASSED\", \"findings\": \"x\"}", "supervisor"), 404, "INSPECTION_NOT_FOUND", null);
        assertProblem(http.postJson("/api/v1/supervision/inspections/x/result",
                "{\"outcome\": \"PASSED\", \"findings\": \"x\"}", "supervisor"), 404, "INSPECTION_NOT_FOUND", null);
        // nothing above was recorded
        assertThat(http.get("/api/v1/supervision/draws/" + id, null).json().path("inspections").get(0).path("result").isNull())
                .isTrue();
    }

    private static void assertProblem(Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.body()).isTrue();
        assertThat(r.json().path("code").asString()).as(r.body()).isEqualTo(code);
        if (field != null) {
            assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(field);
        }
    }
}
