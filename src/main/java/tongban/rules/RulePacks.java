package tongban.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
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
 * The rule packs (EvaluateItem, ReloadRulePacks, PublishPackVersion). A decision runs on the pack version in force on
 * its {@code asOf}: the item's published version with the latest {@code effectiveFrom} on or before that day, else
 * the working copy under {@code rules/}, which policy staff edit, test and reload. Packs are compiled or loaded on
 * first use into a bounded cache, never all at start; a reload compiles the working copy aside and swaps it in one
 * step, so an evaluation runs wholly on the pack it started with, and a failed reload changes nothing that serves.
 */
public class RulePacks {

    private static final Logger log = LoggerFactory.getLogger(RulePacks.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern ITEM_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Path directory;
    private final PackCompiler compiler;
    private final Clock clock;
    private final MeterRegistry meters;
    private final IntPredicate printable;
    private final PackVersionStore store;
    private final PackCache cache;
    private final AtomicReference<WorkingCopy> workingCopy = new AtomicReference<>();
    private final AtomicReference<Published> published = new AtomicReference<>(Published.NONE);

    /** The working copy read from {@code rules/}: each pack's files and its item. */
    private record WorkingCopy(Map<String, PackSource> sources, Map<String, ServiceItem> items, Instant readAt) {
    }

    /** The published versions as last read, each item's by date, and the item each version declares. */
    private record Published(String stamp, Map<String, List<PackVersionStore.Stored>> versions,
                             Map<String, ServiceItem> items) {
        static final Published NONE = new Published("", Map.of(), Map.of());
    }

    /**
     * The working copy only, every pack compiled now (the command line and tests); throws, listing every error, if
     * any pack is invalid. {@code printable} tells the characters the documents can print, the only ones a text field may hold.
     */
    public RulePacks(Path directory, Clock clock, IntPredicate printable) {
        this(directory, clock, new SimpleMeterRegistry(), printable);
    }

    public RulePacks(Path directory, Clock clock, MeterRegistry meters, IntPredicate printable) {
        this(directory, clock, meters, printable, null, Integer.MAX_VALUE);
        compileWorkingCopy(workingCopy.get());
    }

    /**
     * The service's packs: the working copy's items are read (not compiled) and the published versions listed; each
     * pack is compiled or loaded on its first decision and kept among the {@code cacheSize} used last.
     */
    RulePacks(Path directory, Clock clock, MeterRegistry meters, IntPredicate printable, PackVersionStore store,
              int cacheSize) {
        this.directory = directory;
        this.compiler = new PackCompiler(clock);
        this.clock = clock;
        this.meters = meters;
        this.printable = printable;
        this.store = store;
        this.cache = new PackCache(cacheSize, compiler::release);
        this.workingCopy.set(readWorkingCopy());
        try {
            refresh();
        } catch (RuntimeException e) {
            // the database's own checks report an unreachable database better; the schedule reads them again
            log.warn("published rule-pack versions not read at start ({}); the working copy decides until they are",
                    e.getMessage());
        }
    }

    /** Evaluates JSON facts (spec/items.md) on the pack version in force on their {@code asOf}. */
    public Decision evaluate(String item, JsonNode facts) {
        CompiledPack pack = inForce(item, FactsReader.asOf(facts));
        return measured(pack, FactsReader.read(pack.item(), facts, printable));
    }

    /** Evaluates facts already built (by the acceptance service) on the pack version in force on their {@code asOf}. */
    public Decision evaluate(String item, Facts facts) {
        return measured(inForce(item, facts.asOf()), facts);
    }

    /**
     * Evaluates JSON facts on one version of the item's pack, whatever its dates (a replay): a published version, or
     * the working copy while it still has that content; else 409 {@code PACK_VERSION_UNAVAILABLE}.
     */
    public Decision evaluate(String item, JsonNode facts, String version) {
        CompiledPack pack = version(item, version);
        return Evaluator.evaluate(pack, FactsReader.read(pack.item(), facts, printable));
    }

    private Decision measured(CompiledPack pack, Facts facts) {
        long start = System.nanoTime();
        Decision decision = Evaluator.evaluate(pack, facts);
        Timer.builder("tongban.decisions").description("rule evaluations by item and outcome")
                .tag("item", decision.item()).tag("outcome", decision.outcome().name())
                .publishPercentileHistogram().register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return decision;
    }

    /** Reads JSON facts against the declaration of the item in force on their {@code asOf}, without evaluating. */
    public Facts readFacts(String item, JsonNode facts) {
        LocalDate asOf = FactsReader.asOf(facts);
        ServiceItem declared = itemOn(item, asOf).orElseThrow(() -> unknown(item));
        return FactsReader.read(declared, facts, printable);
    }

    /** The catalogue: every item as declared by its version in force today. */
    public List<ServiceItem> items() {
        LocalDate today = today();
        return codes().stream().map(code -> itemOn(code, today)).flatMap(Optional::stream).toList();
    }

    public Optional<ServiceItem> item(String code) {
        return itemOn(code, today());
    }

    public ServiceGuide guide(String item) {
        CompiledPack pack = inForce(item, today());
        return new ServiceGuide(pack.item(), pack.version(), pack.rulesInOrder().stream()
                .map(r -> new ServiceGuide.GuideRule(concern(r.file()), r.name(), r.finding(), r.metadata().get("code"),
                        r.metadata().get("material"), r.basis(), r.metadata().get("source"), r.verified(),
                        r.metadata().containsKey("zh") ? new Text(r.metadata().get("zh"), r.metadata().get("en")) : null))
                .toList(), FieldText.RULE);
    }

    /** What serves today for each item, without loading anything: the version, since when, and its files. */
    public List<LoadedPack> loaded() {
        LocalDate today = today();
        List<LoadedPack> loaded = new ArrayList<>();
        for (String code : codes()) {
            Optional<PackVersionStore.Stored> version = publishedOn(code, today);
            if (version.isPresent()) {
                PackVersion v = version.get().version();
                loaded.add(new LoadedPack(code, v.version(), v.publishedAt(), List.of(version.get().sourcesKey())));
            } else {
                PackSource source = workingCopy.get().sources().get(code);
                if (source != null) {
                    loaded.add(new LoadedPack(code, source.version(), workingCopy.get().readAt(),
                            source.files().keySet().stream().map(source::path).toList()));
                }
            }
        }
        return loaded;
    }

    /**
     * Compiles the working copy under {@code rules/} and swaps it in; on any error the packs that serve now stay, and
     * the problem (422 {@code RULE_PACK_INVALID}) lists every error as {@code file:line:column: message}.
     */
    public synchronized List<LoadedPack> reload() {
        WorkingCopy fresh;
        try {
            fresh = readWorkingCopy();
            compileWorkingCopy(fresh);
        } catch (PackCompiler.PackInvalid e) {
            meters.counter("tongban.rulepacks.reloads", "result", "refused").increment();
            log.warn("rule pack reload refused, {} error(s); the packs loaded before keep serving", e.errors().size());
            throw invalid(e, "the rule packs have errors; nothing was changed");
        }
        workingCopy.set(fresh);
        meters.counter("tongban.rulepacks.reloads", "result", "loaded").increment();
        log.info("rule packs reloaded: {}", fresh.sources().values().stream().map(p -> p.item() + "@" + p.version()).toList());
        return loaded();
    }

    /** Runs the scenarios of every pack of the working copy. */
    public ScenarioReport test() {
        return ScenarioRunner.run(workingCopy.get().sources().values().stream().map(this::compiled).toList(), printable);
    }

    /** Runs one pack's scenarios, on its pack in force today. */
    public ScenarioReport test(String item) {
        return ScenarioRunner.run(List.of(inForce(known(item), today())), printable);
    }

    /**
     * Compiles a changed copy of an item's pack ({@code files} as in its folder, {@code scenarios} as in its
     * {@code tests/}) aside, and runs its scenarios; nothing that serves changes. Errors name the files as
     * {@code <item>/<file>}. {@code UNKNOWN_ITEM} for an item the catalogue does not hold.
     */
    public CandidatePack candidate(String item, Map<String, String> files, Map<String, String> scenarios) {
        return new CandidatePack(PackSource.of(known(item), item, files, scenarios), compiler, printable);
    }

    /**
     * Publishes a version of an item's pack (PublishPackVersion): {@code zip} (or, when null, the working copy as it is
     * on disk now) is compiled, its scenarios must all pass, and the compiled jar and the sources are stored once,
     * in force from {@code effectiveFrom}. Every node uses it for decisions on or after that day within
     * {@code tongban.rules.refresh-interval}.
     */
    public PackVersion publish(String item, byte[] zip, LocalDate effectiveFrom, String actor) {
        if (store == null) {
            throw new IllegalStateException("publishing needs the version store");
        }
        PackSource source;
        try {
            source = zip == null ? readPack(item) : PackSource.fromZip(checkedCode(item), zip);
        } catch (PackSource.InvalidZip e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PACK_ZIP", e.getMessage());
        }
        CompiledPack pack;
        try {
            pack = compiler.compile(source);
        } catch (PackCompiler.PackInvalid e) {
            throw invalid(e, "the pack has errors; nothing was published");
        }
        ScenarioReport report = ScenarioRunner.run(List.of(pack), printable);
        if (report.failed() > 0) {
            compiler.release(pack);
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "PACK_SCENARIOS_FAILED", report.failed()
                    + " scenario(s) of the pack fail; nothing was published", null, report.scenarios().stream()
                    .filter(r -> !r.passed()).flatMap(r -> r.failures().stream().map(f -> r.file() + ": " + r.name() + ": " + f))
                    .toList());
        }
        PackVersionStore.Stored stored;
        try {
            stored = store.publish(source, effectiveFrom, compiler.artefact(pack), actor, clock.instant());
        } catch (RuntimeException e) {
            compiler.release(pack);
            throw e;
        }
        cache.put(key(item, source.version()), pack);
        refresh();
        log.info("rule pack {}@{} published, in force from {}", item, source.version(), effectiveFrom);
        return stored.version();
    }

    /** The published versions of an item, by date; 404 {@code UNKNOWN_ITEM} for an item that has neither versions nor a working copy. */
    public List<PackVersion> versions(String item) {
        return published.get().versions().getOrDefault(known(item), List.of()).stream().map(PackVersionStore.Stored::version).toList();
    }

    /**
     * Loads the packs in force today of the first {@code count} items, so that Drools' own first use and those packs'
     * compilation are not paid by the first applicants; a pack that fails is left for its first decision to report.
     */
    void warmUp(int count) {
        LocalDate today = today();
        for (String code : codes().stream().limit(count).toList()) {
            try {
                inForce(code, today);
            } catch (RuntimeException e) {
                log.warn("rule pack {} not loaded ahead of its first decision: {}", code, e.getMessage());
            }
        }
    }

    /** Reads the published versions again if any was published since they were last read (on any node). */
    synchronized void refresh() {
        if (store == null) {
            return;
        }
        String stamp = store.stamp();
        Published now = published.get();
        if (stamp.equals(now.stamp())) {
            return;
        }
        Map<String, List<PackVersionStore.Stored>> versions = new LinkedHashMap<>();
        Map<String, ServiceItem> items = new LinkedHashMap<>();
        for (PackVersionStore.Stored s : store.all()) {
            versions.computeIfAbsent(s.version().item(), k -> new ArrayList<>()).add(s);
            String key = key(s.version().item(), s.version().version());
            ServiceItem known = now.items().get(key);
            items.put(key, known != null ? known : declared(s));
        }
        versions.replaceAll((k, v) -> List.copyOf(v));
        published.set(new Published(stamp, Map.copyOf(versions), Map.copyOf(items)));
    }

    private CompiledPack inForce(String item, LocalDate asOf) {
        Optional<PackVersionStore.Stored> version = publishedOn(item, asOf);
        if (version.isPresent()) {
            return loaded(version.get());
        }
        PackSource source = workingCopy.get().sources().get(item);
        if (source == null) {
            throw unknown(item);
        }
        return compiled(source);
    }

    private CompiledPack version(String item, String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_VERSION", "a pack version is 16 hexadecimal digits"
                    + " (a decision's packVersion)", "version", List.of());
        }
        Optional<PackVersionStore.Stored> stored = published.get().versions().getOrDefault(item, List.of()).stream()
                .filter(s -> s.version().version().equals(version)).findFirst();
        if (stored.isPresent()) {
            return loaded(stored.get());
        }
        PackSource source = workingCopy.get().sources().get(item);
        if (source != null && source.version().equals(version)) {
            return compiled(source);
        }
        throw new ApiProblem(HttpStatus.CONFLICT, "PACK_VERSION_UNAVAILABLE", "version " + version + " of " + item
                + " is neither published nor the working copy any more; publish versions to keep them replayable",
                "version", List.of());
    }

    private Optional<PackVersionStore.Stored> publishedOn(String item, LocalDate day) {
        return published.get().versions().getOrDefault(item, List.of()).stream()
                .filter(s -> s.version().inForceOn(day)).findFirst();
    }

    private Optional<ServiceItem> itemOn(String code, LocalDate day) {
        Optional<PackVersionStore.Stored> version = publishedOn(code, day);
        if (version.isPresent()) {
            return Optional.of(published.get().items().get(key(code, version.get().version().version())));
        }
        return Optional.ofNullable(workingCopy.get().items().get(code));
    }

    private CompiledPack loaded(PackVersionStore.Stored version) {
        PackVersion v = version.version();
        return cache.get(key(v.item(), v.version()), () -> {
            long start = System.nanoTime();
            PackSource source = PackSource.fromZip(v.item(), store.read(version.sourcesKey()));
            CompiledPack pack = compiler.load(source, store.read(version.artefactKey()));
            log.debug("rule pack {}@{} loaded in {} ms", v.item(), v.version(), (System.nanoTime() - start) / 1_000_000);
            return pack;
        });
    }

    private CompiledPack compiled(PackSource source) {
        return cache.get(key(source.item(), source.version()), () -> {
            try {
                return compiler.compile(source);
            } catch (PackCompiler.PackInvalid e) {
                log.error("rule pack {} does not compile: {}", source.item(), e.getMessage());
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "RULE_PACK_UNAVAILABLE", "the rules of "
                        + source.item() + " have errors; policy staff see them with POST /api/v1/rule-packs/reload");
            }
        });
    }

    private void compileWorkingCopy(WorkingCopy copy) {
        List<CompiledPack> packs = compiler.compileAll(List.copyOf(copy.sources().values()));
        packs.forEach(p -> cache.put(key(p.source().item(), p.version()), p));
    }

    private WorkingCopy readWorkingCopy() {
        List<PackSource> sources = PackSource.readAll(directory);
        List<PackError> errors = new ArrayList<>();
        Map<String, PackSource> bySource = new LinkedHashMap<>();
        Map<String, ServiceItem> items = new LinkedHashMap<>();
        for (PackSource source : sources) {
            ServiceItem item = ItemReader.read(source, errors);
            bySource.put(source.item(), source);
            if (item != null) {
                items.put(source.item(), item);
            }
        }
        if (!errors.isEmpty()) {
            // the compiler reports the rules' errors too, so the officer gets every error at once
            compiler.compileAll(sources).forEach(compiler::release);
            throw new PackCompiler.PackInvalid(errors);
        }
        return new WorkingCopy(Map.copyOf(bySource), Map.copyOf(items), clock.instant());
    }

    private PackSource readPack(String item) {
        Path dir = directory.resolve(checkedCode(item));
        if (!Files.isRegularFile(dir.resolve(PackSource.ITEM_FILE))) {
            throw unknown(item);
        }
        return PackSource.read(dir, directory.toAbsolutePath().normalize().getFileName() + "/" + item);
    }

    private ServiceItem declared(PackVersionStore.Stored version) {
        PackVersion v = version.version();
        List<PackError> errors = new ArrayList<>();
        ServiceItem item = ItemReader.read(new PackSource(v.item(), "rules/" + v.item(), version.itemFiles(), Map.of(),
                v.version()), errors);
        if (item == null) {
            throw new PackCompiler.PackInvalid(errors);
        }
        return item;
    }

    private TreeSet<String> codes() {
        TreeSet<String> codes = new TreeSet<>(workingCopy.get().items().keySet());
        codes.addAll(published.get().versions().keySet());
        return codes;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BEIJING));
    }

    /** The item's code if the catalogue holds it (a working copy or a published version), else 404 {@code UNKNOWN_ITEM}. */
    private String known(String item) {
        if (!codes().contains(item)) {
            throw unknown(item);
        }
        return item;
    }

    private static String checkedCode(String item) {
        if (!ITEM_CODE.matcher(item).matches()) {
            throw unknown(item);
        }
        return item;
    }

    private static ApiProblem unknown(String item) {
        return ApiProblem.notFound("UNKNOWN_ITEM", "no service item '" + item + "'; see GET /api/v1/items");
    }

    private static ApiProblem invalid(PackCompiler.PackInvalid e, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "RULE_PACK_INVALID", detail, null,
                e.errors().stream().map(PackError::toString).toList());
    }

    private static String key(String item, String version) {
        return item + "@" + version;
    }

    private static String concern(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".drl") ? name.substring(0, name.length() - 4) : name;
    }
}
