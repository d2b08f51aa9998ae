package tongban.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import tongban.platform.ApiProblem;
import tongban.rules.vocabulary.Text;
import tools.jackson.databind.JsonNode;

/**
 * The rule packs that serve now (EvaluateItem, ReloadRulePacks). Packs are compiled from {@code rules/}
 * once and cached; a reload compiles the new packs aside and swaps them in one step, so an evaluation
 * runs wholly on the packs it started with, and a failed reload changes nothing that serves.
 */
public class RulePacks {

    private static final Logger log = LoggerFactory.getLogger(RulePacks.class);

    private final Path directory;
    private final PackCompiler compiler;
    private final AtomicReference<Map<String, CompiledPack>> serving = new AtomicReference<>();
    private final MeterRegistry meters;
    private final IntPredicate printable;

    /**
     * Compiles every pack under {@code directory}; throws, listing every error, if any pack is invalid.
     * {@code printable} tells the characters the documents can print, the only ones a text field may hold.
     */
    public RulePacks(Path directory, Clock clock, IntPredicate printable) {
        this(directory, clock, new SimpleMeterRegistry(), printable);
    }

    public RulePacks(Path directory, Clock clock, MeterRegistry meters, IntPredicate printable) {
        this.directory = directory;
        this.compiler = new PackCompiler(clock);
        this.meters = meters;
        this.printable = printable;
        this.serving.set(index(compile()));
    }

    /** Evaluates JSON facts (spec/items.md) on the pack serving now. */
    public Decision evaluate(String item, JsonNode facts) {
        CompiledPack pack = pack(item);
        return measured(pack, FactsReader.read(pack.item(), facts, printable));
    }

    /** Evaluates facts already built (by the acceptance service) on the pack serving now. */
    public Decision evaluate(String item, Facts facts) {
        return measured(pack(item), facts);
    }

    private Decision measured(CompiledPack pack, Facts facts) {
        long start = System.nanoTime();
        Decision decision = Evaluator.evaluate(pack, facts);
        Timer.builder("tongban.decisions").description("rule evaluations by item and outcome")
                .tag("item", decision.item()).tag("outcome", decision.outcome().name())
                .publishPercentileHistogram().register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return decision;
    }

    /** Reads JSON facts against an item's declaration, without evaluating. */
    public Facts readFacts(String item, JsonNode facts) {
        return FactsReader.read(pack(item).item(), facts, printable);
    }

    public List<ServiceItem> items() {
        return serving.get().values().stream().map(CompiledPack::item).toList();
    }

    public Optional<ServiceItem> item(String code) {
        return Optional.ofNullable(serving.get().get(code)).map(CompiledPack::item);
    }

    public ServiceGuide guide(String item) {
        CompiledPack pack = pack(item);
        return new ServiceGuide(pack.item(), pack.version(), pack.rulesInOrder().stream()
                .map(r -> new ServiceGuide.GuideRule(concern(r.file()), r.name(), r.finding(), r.metadata().get("code"),
                        r.metadata().get("material"), r.basis(), r.metadata().get("source"), r.verified(),
                        r.metadata().containsKey("zh") ? new Text(r.metadata().get("zh"), r.metadata().get("en")) : null))
                .toList(), FieldText.RULE);
    }

    public List<LoadedPack> loaded() {
        return serving.get().values().stream().map(p -> new LoadedPack(p.item().code(), p.version(), p.loadedAt(),
                List.copyOf(p.source().files().keySet().stream().map(p.source()::path).toList()))).toList();
    }

    /**
     * Recompiles {@code rules/} and swaps it in; on any error the packs that serve now stay, and the
     * problem (422 {@code RULE_PACK_INVALID}) lists every error as {@code file:line:column: message}.
     */
    public synchronized List<LoadedPack> reload() {
        List<CompiledPack> fresh;
        try {
            fresh = compile();
        } catch (PackCompiler.PackInvalid e) {
            meters.counter("tongban.rulepacks.reloads", "result", "refused").increment();
            log.warn("rule pack reload refused, {} error(s); the packs loaded before keep serving", e.errors().size());
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "RULE_PACK_INVALID",
                    "the rule packs have errors; nothing was changed", null,
                    e.errors().stream().map(PackError::toString).toList());
        }
        Map<String, CompiledPack> old = serving.getAndSet(index(fresh));
        // evaluations that hold the old KieBase finish on it; the repository just forgets its module
        old.values().forEach(compiler::release);
        meters.counter("tongban.rulepacks.reloads", "result", "loaded").increment();
        log.info("rule packs reloaded: {}", fresh.stream().map(p -> p.item().code() + "@" + p.version()).toList());
        return loaded();
    }

    /** Runs every pack's scenarios on the packs serving now. */
    public ScenarioReport test() {
        return ScenarioRunner.run(List.copyOf(serving.get().values()), printable);
    }

    /** Runs one pack's scenarios on the pack serving now. */
    public ScenarioReport test(String item) {
        return ScenarioRunner.run(List.of(pack(item)), printable);
    }

    /**
     * Compiles a changed copy of a serving pack ({@code files} as in its folder, {@code scenarios} as in its
     * {@code tests/}) aside, and runs its scenarios; nothing that serves changes. Errors name the files as
     * {@code <item>/<file>}. {@code UNKNOWN_ITEM} if no pack of that item serves.
     */
    public CandidatePack candidate(String item, Map<String, String> files, Map<String, String> scenarios) {
        pack(item);
        return new CandidatePack(PackSource.of(item, item, files, scenarios), compiler, printable);
    }

    private List<CompiledPack> compile() {
        return compiler.compileAll(PackSource.readAll(directory));
    }

    private CompiledPack pack(String item) {
        CompiledPack pack = serving.get().get(item);
        if (pack == null) {
            throw ApiProblem.notFound("UNKNOWN_ITEM", "no service item '" + item + "'; see GET /api/v1/items");
        }
        return pack;
    }

    private static Map<String, CompiledPack> index(List<CompiledPack> packs) {
        Map<String, CompiledPack> map = new LinkedHashMap<>();
        packs.forEach(p -> map.put(p.item().code(), p));
        return java.util.Collections.unmodifiableMap(map);
    }

    private static String concern(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".drl") ? name.substring(0, name.length() - 4) : name;
    }
}
