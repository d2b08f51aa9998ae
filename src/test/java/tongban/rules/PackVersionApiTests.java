package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.rules.EvaluateApiTests.assertProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tongban.archive.Archive;
import tongban.archive.ObjectStore;
import tongban.platform.Json;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * Published pack versions over HTTP, on a database and object store of this class's own: each decision uses the version
 * in force on its asOf, another node loads a published version without compiling it, and an application is decided
 * again with the version it was decided on, or another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PackVersionApiTests {

    private static final Path HOME = temporary();
    private static final String ITEM = "individual-business-registration";
    private static final String VERSIONS = "/api/v1/rule-packs/" + ITEM + "/versions";
    private static final String EVALUATE = "/api/v1/items/" + ITEM + "/evaluate";

    @DynamicPropertySource
    static void ownState(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", () -> HOME.resolve("data").toString());
        registry.add("tongban.rules.dir", () -> HOME.resolve("rules").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ObjectStore store;
    @Autowired
    RulePacks packs;
    @Autowired
    Archive archive;

    @Test
    void eachDecisionUsesTheVersionInForceOnItsDayAndAnotherNodeLoadsItWithoutCompiling() {
        Http http = new Http(port);
        String workingCopy = evaluate(http, "2026-12-31").path("packVersion").asString();

        Response first = publish(http, "2020-01-01", null);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("version").asString()).isEqualTo(workingCopy);
        assertThat(first.json().path("artefactSha256").asString()).hasSize(64);
        // a retry publishes nothing new
        Response retried = publish(http, "2020-01-01", null);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().path("publishedAt")).isEqualTo(first.json().path("publishedAt"));

        byte[] next = laterVersion();
        Response taken = publish(http, "2020-01-01", next);
        assertProblem(taken, 409, "PACK_VERSION_DATE_TAKEN");
        assertThat(taken.json().path("field").asString()).isEqualTo("effectiveFrom");

        Response second = publish(http, "2027-01-01", next);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        String later = second.json().path("version").asString();
        assertThat(later).isNotEqualTo(workingCopy);

        // (other tests of the class may have published later versions too)
        JsonNode versions = http.get(VERSIONS, "policy").json();
        assertThat(versions.get(0).path("effectiveFrom").asString()).isEqualTo("2020-01-01");
        assertThat(versions.get(0).path("effectiveTo").asString()).isEqualTo("2026-12-31");
        assertThat(versions.get(1).path("effectiveFrom").asString()).isEqualTo("2027-01-01");
        String to = versions.get(1).path("effectiveTo").asString(null);
        assertThat(to == null || to.compareTo("2027-01-01") > 0).as(to).isTrue();

        JsonNode before = evaluate(http, "2026-12-31");
        JsonNode after = evaluate(http, "2027-01-01");
        assertThat(before.path("packVersion").asString()).isEqualTo(workingCopy);
        assertThat(after.path("packVersion").asString()).isEqualTo(later);
        assertThat(before.path("timeLimit").path("days").asInt()).isZero();
        assertThat(after.path("timeLimit").path("days").asInt()).isEqualTo(1);
        assertThat(before.path("outcome")).isEqualTo(after.path("outcome"));

        // a node with no working copy at all decides on what was published, loading the stored jar
        Path empty = HOME.resolve("no-rules-" + UUID.randomUUID());
        mkdirs(empty);
        RulePacks otherNode = new RulePacks(empty, Clock.systemUTC(), new SimpleMeterRegistry(), c -> true,
                new PackVersionStore(jdbc, transactions, store, "tongban-rule-packs"), 2);
        long start = System.nanoTime();
        Decision cold = otherNode.evaluate(ITEM, Json.read(facts("2027-03-01")));
        long coldMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("cold first decision on a published version, loaded from the store: " + coldMillis + " ms");
        assertThat(cold.packVersion()).isEqualTo(later);
        assertThat(cold.timeLimit().days()).isEqualTo(1);
        assertThat(otherNode.evaluate(ITEM, Json.read(facts("2021-06-01"))).packVersion()).isEqualTo(workingCopy);
        assertThat(otherNode.items()).extracting(ServiceItem::code).containsExactly(ITEM);
    }

    @Test
    void anApplicationIsDecidedAgainWithItsVersionOrShowsWhatAnotherWouldDecide() {
        Http http = new Http(port);
        Response submitted = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                { "item": "individual-business-registration",
                  "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general"],
                            "premisesAddress": "上海市黄浦区南京东路1号" },
                  "options": { "delivery": "ONLINE" } }"""), "replay-" + UUID.randomUUID(), "zhangsan");
        assertThat(submitted.status()).as(submitted.body()).isIn(200, 201);
        String id = submitted.json().path("id").asString();
        String replay = "/api/v1/applications/" + id + "/replay";

        Response same = http.post(replay, null, HttpRequest.BodyPublishers.noBody(), "officer");
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().path("same").asBoolean()).isTrue();
        assertThat(same.json().path("differences")).isEmpty();
        assertThat(same.json().path("replayed")).isEqualTo(same.json().path("recorded"));

        // its archive package keeps the facts the row keeps; replay reads them there when the row has lost them
        String kept = jdbc.sql("select facts::text from application where id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(Json.read(kept).path("asOf").isMissingNode()).isFalse();
        assertThat(Json.read(new String(archive.packages().facts(id).orElseThrow(), StandardCharsets.UTF_8)))
                .isEqualTo(Json.read(kept));
        jdbc.sql("update application set facts = null where id = ?").param(UUID.fromString(id)).update();
        Response fromPackage = http.post(replay, null, HttpRequest.BodyPublishers.noBody(), "officer");
        assertThat(fromPackage.status()).as(fromPackage.body()).isEqualTo(200);
        assertThat(fromPackage.json().path("same").asBoolean()).isTrue();
        assertThat(fromPackage.json().path("replayed")).isEqualTo(same.json().path("replayed"));

        Response published = publish(http, "2099-01-01", laterVersion());
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String other = published.json().path("version").asString();
        Response different = http.post(replay + "?version=" + other, null, HttpRequest.BodyPublishers.noBody(), "officer");
        assertThat(different.status()).as(different.body()).isEqualTo(200);
        assertThat(different.json().path("same").asBoolean()).isFalse();
        assertThat(different.json().path("differences").toString()).contains("packVersion", "timeLimit");
        assertThat(different.json().path("replayed").path("packVersion").asString()).isEqualTo(other);
        assertThat(different.json().path("recorded")).isEqualTo(same.json().path("recorded"));

        // only officers; an applicant cannot replay even their own application
        assertProblem(http.post(replay, null, HttpRequest.BodyPublishers.noBody(), "zhangsan"), 403, "FORBIDDEN");
        assertProblem(http.post(replay, null, HttpRequest.BodyPublishers.noBody(), "policy"), 403, "FORBIDDEN");
        assertProblem(http.post(replay, null, HttpRequest.BodyPublishers.noBody(), null), 401, "UNAUTHENTICATED");
        assertProblem(http.post("/api/v1/applications/" + UUID.randomUUID() + "/replay", null,
                HttpRequest.BodyPublishers.noBody(), "officer"), 404, "APPLICATION_NOT_FOUND");
        assertProblem(http.post("/api/v1/applications/not-an-id/replay", null,
                HttpRequest.BodyPublishers.noBody(), "officer"), 404, "APPLICATION_NOT_FOUND");
        Response badVersion = http.post(replay + "?version=%3Cscript%3E", null, HttpRequest.BodyPublishers.noBody(), "officer");
        assertProblem(badVersion, 400, "INVALID_VERSION");
        assertThat(badVersion.json().path("field").asString()).isEqualTo("version");
        assertProblem(http.post(replay + "?version=0123456789abcdef", null, HttpRequest.BodyPublishers.noBody(),
                "officer"), 409, "PACK_VERSION_UNAVAILABLE");
    }

    @Test
    void theCommandLinePublishesTheWorkingCopyThroughTheService() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        String[] publish = {"publish", ITEM, "2050-01-01", HOME.resolve("rules").toString()};
        java.util.Map<String, String> env = java.util.Map.of("TONGBAN_URL", "http://127.0.0.1:" + port,
                "TONGBAN_USER", "policy", "TONGBAN_PASSWORD", "demo-policy");
        assertThat(RulesCommand.run(publish, out, c -> true, env)).as(bytes.toString()).isZero();
        assertThat(bytes.toString()).startsWith("201 ").contains("\"effectiveFrom\":\"2050-01-01\"");
        assertThat(new Http(port).get(VERSIONS, "policy").body()).contains("2050-01-01");

        bytes.reset();
        assertThat(RulesCommand.run(publish, out, c -> true, java.util.Map.of("TONGBAN_URL", "http://127.0.0.1:" + port,
                "TONGBAN_USER", "officer", "TONGBAN_PASSWORD", "demo-officer"))).isEqualTo(1);
        assertThat(bytes.toString()).startsWith("403 ");
        bytes.reset();
        assertThat(RulesCommand.run(publish, out, c -> true, java.util.Map.of())).isEqualTo(2);
        assertThat(bytes.toString()).contains("TONGBAN_USER");
    }

    @Test
    void theCatalogueIsSearchedAndPaged() {
        Http http = new Http(port);
        assertThat(http.get("/api/v1/items", null).json()).hasSize(packs.items().size());
        assertThat(codes(http.get("/api/v1/items?q=PERMIT", null))).containsExactly("residence-permit");
        assertThat(codes(http.get("/api/v1/items?q=%E5%B1%85%E4%BD%8F%E8%AF%81", null))).containsExactly("residence-permit");
        assertThat(http.get("/api/v1/items?limit=2", null).json()).hasSize(2);
        assertThat(http.get("/api/v1/items?limit=2&offset=" + (packs.items().size() - 1), null).json()).hasSize(1);
        assertThat(http.get("/api/v1/items?q=nothing-like-this", null).json()).isEmpty();
        for (String bad : new String[] {"limit=0", "limit=1001", "offset=-1", "q=" + "x".repeat(101)}) {
            Response r = http.get("/api/v1/items?" + bad, null);
            assertProblem(r, 400, "INVALID_QUERY");
            assertThat(r.json().path("field").asString()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        assertProblem(http.get("/api/v1/items?limit=%3Cb%3E", null), 400, null);
    }

    @Test
    void badPublicationsAreRefusedAndPublishNothing() {
        Http http = new Http(port);
        assertProblem(publish(http, null, null), 400, "INVALID_EFFECTIVE_FROM");
        assertProblem(publish(http, "2027-02-30", null), 400, "INVALID_EFFECTIVE_FROM");
        assertProblem(publish(http, "<b>x</b>", null), 400, "INVALID_EFFECTIVE_FROM");
        assertProblem(publish(http, "2031-01-01", "not a zip".getBytes()), 400, "INVALID_PACK_ZIP");
        assertProblem(publishTo(http, "/api/v1/rule-packs/no-such-item/versions", "2031-01-01", null), 404, "UNKNOWN_ITEM");
        assertProblem(publishTo(http, "/api/v1/rule-packs/Bad.Item/versions", "2031-01-01", null), 404, "UNKNOWN_ITEM");
        assertProblem(http.get("/api/v1/rule-packs/no-such-item/versions", "policy"), 404, "UNKNOWN_ITEM");

        Path broken = copy();
        replace(broken.resolve("eligibility.drl"), "Applicant( publicServant )", "Applicant( publicServent )");
        Response invalid = publish(http, "2031-01-01", PackSource.read(broken, "rules/" + ITEM).toZip());
        assertProblem(invalid, 422, "RULE_PACK_INVALID");
        assertThat(invalid.json().path("errors").toString()).contains("eligibility.drl:");

        Path failing = copy();
        // the youngest age raised to 17 in the pack's dated parameters: its 16-year-old scenario fails
        replace(failing.resolve("parameters.yaml"), "value: 16\n", "value: 17\n");
        Response failed = publish(http, "2031-01-01", PackSource.read(failing, "rules/" + ITEM).toZip());
        assertProblem(failed, 422, "PACK_SCENARIOS_FAILED");
        assertThat(failed.json().path("errors").toString()).contains("16-year-old");

        for (String user : new String[] {"zhangsan", "officer", "operator"}) {
            assertProblem(publish(http, "2031-01-01", null, user), 403, "FORBIDDEN");
            assertProblem(http.get(VERSIONS, user), 403, "FORBIDDEN");
        }
        assertThat(http.get(VERSIONS, "policy").body()).doesNotContain("2031-01-01");
    }

    private static java.util.List<String> codes(Response r) {
        java.util.List<String> codes = new java.util.ArrayList<>();
        r.json().forEach(item -> codes.add(item.path("code").asString()));
        return codes;
    }

    private static JsonNode evaluate(Http http, String asOf) {
        Response r = http.postJson(EVALUATE, facts(asOf), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String facts(String asOf) {
        return EvaluateApiSamples.EXAMPLE_1.replace("2026-11-27", asOf);
    }

    private static Response publish(Http http, String effectiveFrom, byte[] zip) {
        return publish(http, effectiveFrom, zip, "policy");
    }

    private static Response publish(Http http, String effectiveFrom, byte[] zip, String user) {
        return publishTo(http, VERSIONS, effectiveFrom, zip, user);
    }

    private static Response publishTo(Http http, String path, String effectiveFrom, byte[] zip) {
        return publishTo(http, path, effectiveFrom, zip, "policy");
    }

    private static Response publishTo(Http http, String path, String effectiveFrom, byte[] zip, String user) {
        String query = effectiveFrom == null ? "" : "?effectiveFrom="
                + java.net.URLEncoder.encode(effectiveFrom, java.nio.charset.StandardCharsets.UTF_8);
        return http.post(path + query, zip == null ? null : "application/zip",
                zip == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(zip), user);
    }

    private static byte[] laterVersion() {
        return PackFixture.oneDayRegistration(HOME.resolve("copies").resolve(UUID.randomUUID().toString()));
    }

    private static Path copy() {
        Path dir = HOME.resolve("copies").resolve(UUID.randomUUID().toString());
        PackFixture.copyOfShippedPacks(dir);
        return dir.resolve(ITEM);
    }

    private static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The context starts before any test method, so the folders are made when the class loads. */
    private static Path temporary() {
        Path home = tongban.support.TempFolders.create("tongban-versions");
        PackFixture.copyOfShippedPacks(home.resolve("rules"));
        return home;
    }
}
