package tongban.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The impact preview over HTTP: a changed copy of a shipped pack is compiled aside, its scenarios run, and the real
 * decisions it would change are listed (only those, with only the parts that differ and nothing of the applicants);
 * a broken pack gets its errors with positions; hostile zips are refused with codes; only policy staff get in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactPreviewApiTests {

    private static final String PREVIEW = "/api/v1/rule-packs/residence-permit/preview";
    private static final String FEES = "fees.drl";

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

    /** The fee of a replacement card raised to 25 yuan, with its scenarios: a pack that could be published. */
    static Candidates feeRaised() {
        return Candidates.shipped("residence-permit").replace(FEES, "@amount(\"20\")", "@amount(\"25\")")
                .replace("tests/fees.yaml", "fee: 20", "fee: 25").replace("tests/eligibility.yaml", "fee: 20", "fee: 25");
    }

    @Test
    void aRaisedFeeChangesTheReplacementCasesAndOnlyThem() {
        String before = servingVersion();
        Response r = preview(feeRaised().zip("residence-permit"), "policy", cases.query());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.path("candidate").path("publishable").asBoolean()).isTrue();
        assertThat(p.path("candidate").path("version").asString()).hasSize(16).isNotEqualTo(before);
        assertThat(p.path("candidate").path("servingVersion").asString()).isEqualTo(before);
        assertThat(p.path("scenarios").path("failed").asLong()).isZero();
        assertThat(p.path("scenarios").path("passed").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(p.path("sample").path("compared").asInt()).isEqualTo(RealCases.ALL.size());
        assertThat(p.path("sample").path("changed").asInt()).isEqualTo(2);
        // the replacements were stored 2nd and 3rd of six: cases 5 and 4, newest first
        JsonNode changes = p.path("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("caseNumber").asInt()).isEqualTo(4);
        assertThat(changes.get(1).path("caseNumber").asInt()).isEqualTo(5);
        for (JsonNode change : changes) {
            assertThat(change.path("decidedOn").asString()).isEqualTo(cases.day.toString());
            assertThat(change.path("differences")).hasSize(1);
            assertThat(change.path("differences").get(0).path("aspect").asString()).isEqualTo("fee");
            assertThat(change.path("differences").get(0).path("before").asString()).isEqualTo("20");
            assertThat(change.path("differences").get(0).path("after").asString()).isEqualTo("25");
        }
        assertNoPersonalData(r);
        // nothing that serves changed
        assertThat(servingVersion()).isEqualTo(before);
        assertThat(audit.recent(20, "RULE_PACK_PREVIEWED", "rule-pack/residence-permit"))
                .anyMatch(e -> e.actor().equals("policy") && e.detail().toString().contains("\"changed\":2"));
    }

    @Test
    void aRaisedThresholdWithoutItsScenariosChangesOneCaseAndCannotBePublished() {
        byte[] zip = Candidates.shipped("residence-permit")
                .replace("parameters.yaml", "value: 6\n", "value: 9\n").zip("");
        Response r = preview(zip, "policy", cases.query() + "&last=100");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.path("candidate").path("publishable").asBoolean()).isFalse();
        assertThat(p.path("scenarios").path("failed").asLong()).isPositive();
        assertThat(p.path("scenarios").path("failures").toString()).contains("RESIDENCE_UNDER_6_MONTHS");
        assertThat(p.path("changes")).hasSize(1);
        JsonNode change = p.path("changes").get(0);
        assertThat(change.path("caseNumber").asInt()).isEqualTo(6);
        assertThat(change.path("differences").toString())
                .contains("{\"aspect\":\"outcome\",\"before\":\"ACCEPTABLE\",\"after\":\"INELIGIBLE\"}")
                .contains("{\"aspect\":\"reasons\",\"before\":[],\"after\":[\"RESIDENCE_UNDER_6_MONTHS\"]}");
        assertNoPersonalData(r);
        // the serving pack still accepts eight months
        Response evaluated = http.postJson("/api/v1/items/residence-permit/evaluate", RealCases.FIRST_8_MONTHS, null);
        assertThat(evaluated.json().path("outcome").asString()).isEqualTo("ACCEPTABLE");
    }

    @Test
    void theSampleIsTheNewestCasesOfThePeriod() {
        JsonNode p = preview(feeRaised().zip(""), "policy", cases.query() + "&last=3").json();
        assertThat(p.path("sample").path("compared").asInt()).isEqualTo(3);
        assertThat(p.path("changes")).isEmpty();

        JsonNode elsewhere = preview(feeRaised().zip(""), "policy", "from=2000-01-01&to=2000-01-01").json();
        assertThat(elsewhere.path("sample").path("compared").asInt()).isZero();
    }

    @Test
    void aBrokenPackGetsEveryErrorWithItsPosition() {
        byte[] zip = Candidates.shipped("residence-permit")
                .replace("eligibility.drl", "Records( this.has(\"residenceRegistrationMonths\")",
                        "Records( this.has(\"residenceRegistrationMonthz\")")
                .replace("visits.drl", "when", "whn").zip("residence-permit");
        Response r = preview(zip, "policy", cases.query());

        Problems.assertProblem(r, 422, "RULE_PACK_INVALID");
        assertThat(r.json().path("errors").toString())
                .containsPattern("residence-permit/eligibility\\.drl:\\d+:\\d+: unknown field 'residenceRegistrationMonthz'")
                .containsPattern("residence-permit/visits\\.drl:\\d+:\\d+: ");
        assertThat(audit.recent(20, "RULE_PACK_PREVIEWED", "rule-pack/residence-permit"))
                .anyMatch(e -> e.detail().toString().contains("\"compiled\":false"));
    }

    @Test
    void hostileOrWrongZipsAreRefusedWithCodes() {
        byte[] item = "code: residence-permit\n".getBytes(StandardCharsets.UTF_8);
        assertRefused("not a zip at all".getBytes(StandardCharsets.UTF_8), 400, "PACK_ZIP_INVALID");
        assertRefused(Candidates.zip(Map.of("eligibility.drl", item)), 400, "PACK_ZIP_INVALID");
        assertRefused(Candidates.zip(entries("item.yaml", item, "../../evil.drl", item)), 400, "PACK_ZIP_UNSAFE_PATH");
        assertRefused(Candidates.zip(entries("item.yaml", item, "/etc/cron.d/evil", item)), 400, "PACK_ZIP_UNSAFE_PATH");
        assertRefused(Candidates.zip(entries("item.yaml", item, "tests\\..\\x.yaml", item)), 400, "PACK_ZIP_UNSAFE_PATH");
        assertRefused(Candidates.zip(entries("item.yaml", item, "run.sh", item)), 400, "PACK_ZIP_UNKNOWN_FILE");
        assertRefused(Candidates.zip(entries("item.yaml", item, "lib/Rules.class", item)), 400, "PACK_ZIP_UNKNOWN_FILE");
        assertRefused(Candidates.zip(entries("item.yaml", item, "eligibility.drl", new byte[] {(byte) 0xff, (byte) 0xfe})),
                400, "PACK_ZIP_NOT_TEXT");
        // two entries of one name: a zip tool refuses to write it, so one name is patched in the bytes
        byte[] twice = Candidates.zip(entries("item.yaml", item, "itemXyaml", item));
        assertRefused(patch(twice, "itemXyaml", "item.yaml"), 400, "PACK_ZIP_DUPLICATE_FILE");
        // a bomb: 3 MiB of zeros deflate to a few KiB; reading stops at the limit
        byte[] bomb = Candidates.zip(entries("item.yaml", item, "scopes.csv", new byte[3 * 1024 * 1024]));
        assertThat(bomb.length).isLessThan(20_000);
        assertRefused(bomb, 413, "PACK_ZIP_TOO_LARGE");
        byte[] many = Candidates.zip(manyFiles(300));
        assertRefused(many, 413, "PACK_ZIP_TOO_LARGE");
        byte[] big = new byte[PackZip.MAX_ZIP_BYTES + 1];
        new java.util.Random(1).nextBytes(big);
        big[0] = 'P';
        big[1] = 'K';
        big[2] = 3;
        big[3] = 4;
        assertRefused(big, 413, "PACK_ZIP_TOO_LARGE");
    }

    @Test
    void badParametersAndAMissingPartAreRefusedWithCodes() {
        byte[] zip = feeRaised().zip("");
        Problems.assertProblem(preview(zip, "policy", "last=0"), 400, "INVALID_LIMIT");
        Problems.assertProblem(preview(zip, "policy", "last=1001"), 400, "INVALID_LIMIT");
        Problems.assertProblem(preview(zip, "policy", "last=%3Cb%3E"), 400, "INVALID_LIMIT");
        Problems.assertProblem(preview(zip, "policy", "from=2026-13-01"), 400, "INVALID_PERIOD");
        Problems.assertProblem(preview(zip, "policy", "from=2026-02-01&to=2026-01-01"), 400, "INVALID_PERIOD");
        Problems.assertProblem(preview(zip, "policy", "from=2024-01-01&to=2026-01-01"), 400, "INVALID_PERIOD");
        Response missing = http.postMultipart(PREVIEW, new Multipart().text("last", "5"), null, "policy");
        Problems.assertProblem(missing, 400, "MISSING_PART");
        Response unknown = http.postMultipart("/api/v1/rule-packs/no-such-item/preview",
                new Multipart().file("pack", "p.zip", "application/zip", zip), null, "policy");
        Problems.assertProblem(unknown, 404, "UNKNOWN_ITEM");
    }

    @Test
    void onlyPolicyStaffMayPreview() {
        byte[] zip = feeRaised().zip("");
        Problems.assertProblem(preview(zip, null, ""), 401, "UNAUTHENTICATED");
        for (String user : List.of("zhangsan", "officer", "agent", "operator", "supervisor")) {
            Problems.assertProblem(preview(zip, user, ""), 403, "FORBIDDEN");
        }
    }

    private void assertRefused(byte[] zip, int status, String code) {
        Response r = preview(zip, "policy", cases.query());
        Problems.assertProblem(r, status, code);
        assertThat(r.json().path("field").asString()).isEqualTo("$.pack");
    }

    static void assertNoPersonalData(Response r) {
        for (String personal : RealCases.PERSONAL) {
            assertThat(r.body()).as("personal data in the answer").doesNotContain(personal);
        }
        assertThat(r.body()).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    private Response preview(byte[] zip, String user, String query) {
        return http.postMultipart(PREVIEW + "?" + query, new Multipart().file("pack", "candidate.zip", "application/zip", zip),
                null, user);
    }

    private String servingVersion() {
        return http.get("/api/v1/items/residence-permit", null).json().path("packVersion").asString();
    }

    private static Map<String, byte[]> entries(String n1, byte[] c1, String n2, byte[] c2) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(n1, c1);
        m.put(n2, c2);
        return m;
    }

    private static Map<String, byte[]> manyFiles(int n) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("item.yaml", new byte[0]);
        for (int i = 0; i < n; i++) {
            m.put("f" + i + ".drl", new byte[0]);
        }
        return m;
    }

    private static byte[] patch(byte[] zip, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + f.length <= zip.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, zip, i, t.length);
            }
        }
        return zip;
    }
}
