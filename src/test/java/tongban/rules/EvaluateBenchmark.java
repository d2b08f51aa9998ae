package tongban.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tongban.documents.CertificateFonts;

/**
 * Evaluate per item, in-process, one thread: {@code evaluate} is what the HTTP endpoint does after JSON
 * parsing (strict facts check + stateless Drools session + decision), {@code engineOnly} skips the facts check.
 * Run: {@code ./mvnw -q -DskipTests verify -Dbench=src -Djmh.args=EvaluateBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class EvaluateBenchmark {

    /** The public examples 1, 3 and 5 of spec/items.md, one per item. */
    private static final Map<String, String> FACTS = Map.of(
            "individual-business-registration", """
                    { "asOf": "2026-11-27",
                      "applicant": { "kind": "PERSON", "idNumber": "310101199001011234", "name": "张三",
                                     "hukouRegion": "310101", "identityVerified": true },
                      "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" },
                      "materials": [ { "code": "premises-proof", "mediaType": "application/pdf" } ],
                      "options": { "delivery": "ONLINE" } }""",
            "food-business-licence", """
                    { "asOf": "2026-11-27",
                      "applicant": { "kind": "PERSON", "idNumber": "310101199001011234", "name": "张三",
                                     "hukouRegion": "310101", "identityVerified": true },
                      "form": { "foodCategories": ["catering-hot"], "foodSafetyManager": true },
                      "materials": [ { "code": "equipment-layout", "mediaType": "application/pdf" } ],
                      "certificates": [ { "type": "business-licence", "number": "92310101MA1K3R8D4R",
                                          "holderId": "310101199001011234", "status": "VALID", "validUntil": null } ],
                      "options": { "commitment": true, "delivery": "ONLINE" } }""",
            "residence-permit", """
                    { "asOf": "2026-11-27",
                      "applicant": { "kind": "PERSON", "idNumber": "320102199203154514", "name": "王五",
                                     "hukouRegion": "320100", "identityVerified": true },
                      "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
                      "records": { "residenceRegistrationMonths": 8, "socialInsuranceMonthsLast12": 7,
                                   "enrolledStudent": false, "stableResidence": false, "photoOnFile": false },
                      "materials": [ { "code": "photo", "mediaType": "image/jpeg" } ],
                      "options": { "delivery": "PICKUP" } }""");

    @Param({"individual-business-registration", "food-business-licence", "residence-permit"})
    public String item;

    private RulePacks packs;
    private JsonNode json;
    private Facts facts;

    @Setup
    public void load() {
        packs = new RulePacks(Path.of(System.getProperty("tongban.rules.dir", "rules")), Clock.systemUTC(),
                CertificateFonts.printableIn(Path.of("templates")));
        json = JsonMapper.builder().build().readTree(FACTS.get(item));
        facts = packs.readFacts(item, json);
    }

    @Benchmark
    public Decision evaluate() {
        return packs.evaluate(item, json);
    }

    @Benchmark
    public Decision engineOnly() {
        return packs.evaluate(item, facts);
    }
}
