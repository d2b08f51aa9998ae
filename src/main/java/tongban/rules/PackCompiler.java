package tongban.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.InternalKieModuleProvider;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.internal.builder.conf.LanguageLevelOption;
import tongban.rules.vocabulary.Effect;
import tongban.rules.vocabulary.Metadata;

/**
 * Compiles one pack: reads {@code item.yaml}, checks every rule's metadata and field names against it,
 * and builds the executable model. Every error is collected as {@code file:line:column: message}; when
 * the executable model fails, the classic compiler is asked too, because only it reports columns and
 * the lines of unknown fields.
 */
final class PackCompiler {

    /** Thrown with every error of every pack; nothing of a failed compilation is kept. */
    static final class PackInvalid extends RuntimeException {
        private final List<PackError> errors;

        PackInvalid(List<PackError> errors) {
            super("rule packs are invalid:\n" + String.join("\n", errors.stream().map(PackError::toString).toList()),
                    null, false, false);
            this.errors = List.copyOf(errors);
        }

        List<PackError> errors() {
            return errors;
        }
    }

    private static final Pattern FINDING = Pattern.compile("insert\\(\\s*(\\w+)\\.of\\(");
    private static final Pattern FIELD_USE = Pattern.compile(
            "\\b(has|flag|text|number|decimal|list|includes|includesOnly|onlyFrom)\\(\\s*\"([^\"]*)\"((?:\\s*,\\s*\"[^\"]*\")*)");
    private static final Pattern BARE_FIELD_USE = Pattern.compile(
            "(?<![.\\w])(has|flag|text|number|decimal|list|includes|includesOnly|onlyFrom)\\(\\s*\"");
    private static final Pattern PARAMETER_USE = Pattern.compile("\\bvalue\\(\\s*\"([^\"]*)\"");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    // every citation names a law in 《》 and an article (第…条) of it
    private static final Pattern CITATION = Pattern.compile("《[^》]+》(（[^）]*）)?第[一二三四五六七八九十百零〇]+条");
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern MVEL_POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)\\]");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices kie = KieServices.get();
    private final Clock clock;

    PackCompiler(Clock clock) {
        this.clock = clock;
    }

    /** Compiles every pack, or throws {@link PackInvalid} listing the errors of all of them. */
    List<CompiledPack> compileAll(List<PackSource> sources) {
        List<PackError> errors = new ArrayList<>();
        List<CompiledPack> packs = new ArrayList<>();
        for (PackSource source : sources) {
            CompiledPack pack = compile(source, errors);
            if (pack != null) {
                packs.add(pack);
            }
        }
        if (sources.isEmpty()) {
            errors.add(new PackError("rules", 1, 1, "no rule pack found (a pack is a folder with an item.yaml)"));
        }
        if (!errors.isEmpty()) {
            packs.forEach(PackCompiler.this::release);
            throw new PackInvalid(errors);
        }
        return packs;
    }

    /** Forgets a pack's KieModule so the repository does not keep every version ever loaded. */
    void release(CompiledPack pack) {
        kie.getRepository().removeKieModule(pack.releaseId());
    }

    /** Compiles one pack, or throws {@link PackInvalid} listing its errors. */
    CompiledPack compile(PackSource source) {
        return compileAll(List.of(source)).get(0);
    }

    /** The compiled KieModule (executable model) as a jar: stored on publishing, loaded by {@link #load} without compiling. */
    byte[] artefact(CompiledPack pack) {
        return ((InternalKieModule) kie.getRepository().getKieModule(pack.releaseId())).getBytes();
    }

    /**
     * A published pack: its sources are read and checked again (cheap, and it gives the item and what is known of
     * each rule), its rules come from the compiled jar; nothing is compiled.
     */
    CompiledPack load(PackSource source, byte[] jar) {
        List<PackError> errors = new ArrayList<>();
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        Checked checked = check(source, rules, errors);
        if (!errors.isEmpty()) {
            throw new PackInvalid(errors);
        }
        // the jar has no kmodule.xml (reading one needs Drools' XML module): the module model is the default the
        // builder gave it, and the executable model's provider makes the module from the jar's classes
        ReleaseId releaseId = releaseIdIn(jar);
        KieModuleModel model = kie.newKieModuleModel();
        KieBuilderImpl.setDefaultsforEmptyKieModule(model);
        kie.getRepository().addKieModule(InternalKieModuleProvider.get(releaseId, model, MemoryFileSystem.readFromJar(jar)));
        var base = kie.newKieContainer(releaseId).getKieBase();
        return new CompiledPack(checked.item(), source, base, releaseId, Map.copyOf(rules), clock.instant(),
                checked.parameters());
    }

    private ReleaseId releaseIdIn(byte[] jar) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    pom.load(in);
                    return kie.newReleaseId(pom.getProperty("groupId"), pom.getProperty("artifactId"),
                            pom.getProperty("version"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("the compiled pack names no release (no pom.properties)");
    }

    private CompiledPack compile(PackSource source, List<PackError> errors) {
        int before = errors.size();
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        Checked checked = check(source, rules, errors);
        ServiceItem item = checked.item();
        ParameterTable parameters = checked.parameters();
        // metadata and field-name errors do not stop the Drools build: the officer gets every error at once
        if (item == null || syntaxErrors(errors, before)) {
            return null;
        }
        boolean lintFailed = errors.size() > before;
        ReleaseId releaseId = kie.newReleaseId("tongban.packs", source.item(),
                source.version() + "-" + BUILDS.incrementAndGet());
        List<Message> messages;
        try {
            messages = kie.newKieBuilder(fileSystem(source, releaseId)).buildAll(ExecutableModelProject.class)
                    .getResults().getMessages(Message.Level.ERROR);
        } catch (RuntimeException e) {
            // the executable model's generator throws on some expressions it cannot type
            messages = List.of(new ThrownMessage(e));
        }
        if (!messages.isEmpty() || lintFailed) {
            kie.getRepository().removeKieModule(releaseId);
            if (!messages.isEmpty()) {
                errors.addAll(diagnose(source, messages));
            }
            return null;
        }
        var base = kie.newKieContainer(releaseId).getKieBase();
        return new CompiledPack(item, source, base, releaseId, Map.copyOf(rules), clock.instant(), parameters);
    }

    /** Reads item.yaml and lints every rule and scenario file against it, collecting what is known of each rule. */
    /** A pack's item and dated parameters, read and checked with its rules' metadata. */
    private record Checked(ServiceItem item, ParameterTable parameters) {
    }

    private Checked check(PackSource source, Map<String, RuleInfo> rules, List<PackError> errors) {
        ServiceItem item = ItemReader.read(source, errors);
        ParameterTable parameters = ParameterTable.read(source, errors);
        for (var drl : source.drlFiles().entrySet()) {
            lint(source, item, drl.getKey(), drl.getValue(), rules, errors);
            checkParameterNames(parameters, source.path(drl.getKey()), drl.getValue(), errors);
        }
        if (item != null) {
            checkReferences(rules, errors);
            ScenarioSchema.check(source, errors);
        }
        if (source.drlFiles().isEmpty()) {
            errors.add(new PackError(source.path(PackSource.ITEM_FILE), 1, 1, "the pack has no .drl file"));
        }
        return new Checked(item, parameters);
    }

    private static boolean syntaxErrors(List<PackError> errors, int from) {
        return errors.subList(from, errors.size()).stream().anyMatch(PackError::syntax);
    }

    private KieFileSystem fileSystem(PackSource source, ReleaseId releaseId) {
        KieFileSystem files = kie.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        // the folder follows the DRL package, as Drools expects
        source.drlFiles().forEach((name, text) -> {
            Matcher pkg = PACKAGE.matcher(text);
            String folder = pkg.find() ? pkg.group(1).replace('.', '/') : source.item();
            files.write("src/main/resources/" + folder + "/" + name, text);
        });
        return files;
    }

    /** The classic compiler locates errors precisely; fall back to the executable model's words. */
    private List<PackError> diagnose(PackSource source, List<Message> execModelMessages) {
        ReleaseId probe = kie.newReleaseId("tongban.diagnostics", source.item(), "0-" + BUILDS.incrementAndGet());
        KieBuilder classic = kie.newKieBuilder(fileSystem(source, probe)).buildAll();
        List<Message> messages = classic.getResults().getMessages(Message.Level.ERROR);
        kie.getRepository().removeKieModule(probe);
        List<PackError> errors = new ArrayList<>();
        for (Message m : messages.isEmpty() ? execModelMessages : messages) {
            String path = m.getPath() == null ? PackSource.ITEM_FILE : m.getPath().substring(m.getPath().lastIndexOf('/') + 1);
            String text = oneLine(m.getText());
            int line = m.getLine();
            int column = m.getColumn();
            // MVEL puts the precise position into the text ("[Line: 34, Column: 4]") and not into the message
            Matcher at = MVEL_POSITION.matcher(text);
            if (at.find()) {
                line = Integer.parseInt(at.group(1)) > 0 ? Integer.parseInt(at.group(1)) : line;
                column = Integer.parseInt(at.group(2));
                text = text.replace(at.group(), "").strip();
            }
            errors.add(new PackError(source.path(path), line, column, text));
        }
        return errors;
    }

    private void lint(PackSource source, ServiceItem item, String file, String text, Map<String, RuleInfo> rules,
                      List<PackError> errors) {
        String path = source.path(file);
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            errors.add(new PackError(path, e.getLineNumber(), e.getColumn(), oneLine(e.getMessage()), true));
            return;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError e : parser.getErrors()) {
                int line = e instanceof ParserError p ? p.getRow() : e.getLines().length > 0 ? e.getLines()[0] : 1;
                int col = e instanceof ParserError p ? p.getCol() + 1 : 1;
                errors.add(new PackError(path, line, col, oneLine(e.getMessage()), true));
            }
            return;
        }
        for (RuleDescr rule : pkg.getRules()) {
            Map<String, String> meta = new LinkedHashMap<>();
            for (AnnotationDescr a : rule.getAnnotations()) {
                meta.put(a.getName(), Metadata.unquote(String.valueOf(a.getSingleValueAsString())));
            }
            Matcher finding = FINDING.matcher(String.valueOf(rule.getConsequence()));
            String kind = finding.find() ? finding.group(1) : null;
            if (rules.containsKey(rule.getName())) {
                errors.add(new PackError(path, rule.getLine(), rule.getColumn(),
                        "rule \"" + rule.getName() + "\" is defined twice in the pack"));
            }
            rules.put(rule.getName(), new RuleInfo(rule.getName(), path, rule.getLine(), rules.size(), kind,
                    Map.copyOf(meta)));
            checkMetadata(item, path, text, rule, kind, meta, errors);
        }
        if (item != null) {
            checkFieldNames(item, path, text, errors);
        }
    }

    private void checkMetadata(ServiceItem item, String path, String text, RuleDescr rule, String kind,
                               Map<String, String> meta, List<PackError> errors) {
        List<String> needed = new ArrayList<>(List.of("basis", "source"));
        switch (kind == null ? "" : kind) {
            case "Reason", "Suggestion" -> needed.addAll(List.of("code", "zh", "en"));
            case "Visit" -> needed.addAll(List.of("code", "zh", "en", "stage"));
            case "Requirement", "Reuse" -> needed.add("material");
            case "Fee" -> needed.add("amount");
            case "TimeLimit" -> needed.add("days");
            default -> { }
        }
        for (String key : needed) {
            if (meta.getOrDefault(key, "").isBlank()) {
                errors.add(at(path, text, rule, null, "rule \"" + rule.getName() + "\" needs @" + key + "(\"…\")"));
            }
        }
        String code = meta.get("code");
        if (code != null && !REASON_CODE.matcher(code).matches()) {
            errors.add(at(path, text, rule, "@code", "@code must be UPPER_SNAKE_CASE, not '" + code + "'"));
        }
        String effect = meta.get("effect");
        if (effect != null && Set.of(Effect.values()).stream().noneMatch(e -> e.name().equals(effect))) {
            errors.add(at(path, text, rule, "@effect", "@effect is INELIGIBLE, NOT_APPLICABLE or INFORMATION, not '" + effect + "'"));
        }
        String material = meta.get("material");
        if (item != null && material != null) {
            var spec = item.material(material);
            if (spec.isEmpty()) {
                errors.add(at(path, text, rule, "@material", "material '" + material + "' is not declared in item.yaml"));
            } else if ("Reuse".equals(kind) && !spec.get().satisfiedBy().contains(MaterialSpec.Means.REUSE)) {
                errors.add(at(path, text, rule, "@material",
                        "material '" + material + "' is reused here but item.yaml does not list reuse in satisfiedBy"));
            }
        }
        String stage = meta.get("stage");
        if (stage != null && !stage.equals("BEFORE_DECISION") && !stage.equals("AFTER_DECISION")) {
            errors.add(at(path, text, rule, "@stage", "@stage is BEFORE_DECISION or AFTER_DECISION, not '" + stage + "'"));
        }
        if (meta.containsKey("amount") && !meta.get("amount").matches("\\d+(\\.\\d{1,2})?")) {
            errors.add(at(path, text, rule, "@amount", "@amount must be a number such as 20 or 20.50"));
        }
        if (meta.containsKey("days") && !meta.get("days").matches("\\d+")) {
            errors.add(at(path, text, rule, "@days", "@days must be a whole number"));
        }
        String basis = meta.get("basis");
        if (basis != null && !basis.isBlank() && java.util.Arrays.stream(basis.split("；"))
                .anyMatch(part -> !CITATION.matcher(part.strip()).lookingAt())) {
            errors.add(at(path, text, rule, "@basis", "@basis names, for each law it cites (separated by ；), the law and "
                    + "its article, such as 《中华人民共和国食品安全法》第三十五条第一款, not '" + basis + "'"));
        }
        String verified = meta.get("verified");
        if (verified != null && !verified.equals("yes") && !verified.equals("no")) {
            errors.add(at(path, text, rule, "@verified", "@verified is \"yes\" or \"no\", not '" + verified + "'"));
        }
    }

    /** Visits may only join a step another rule of the pack defines. */
    private static void checkReferences(Map<String, RuleInfo> rules, List<PackError> errors) {
        Set<String> visitCodes = new java.util.HashSet<>();
        rules.values().stream().filter(r -> "Visit".equals(r.finding()))
                .forEach(r -> visitCodes.add(r.metadata().get("code")));
        for (RuleInfo rule : rules.values()) {
            String joins = rule.metadata().get("joins");
            if (joins != null && !visitCodes.contains(joins)) {
                errors.add(new PackError(rule.file(), rule.line(), 1,
                        "@joins(\"" + joins + "\") names no visit step of this pack"));
            }
        }
    }

    /** Parameters are named in strings too: each must be one of parameters.yaml. */
    private static void checkParameterNames(ParameterTable parameters, String path, String text, List<PackError> errors) {
        Matcher use = PARAMETER_USE.matcher(text);
        while (use.find()) {
            if (!parameters.values().containsKey(use.group(1))) {
                errors.add(position(path, text, use.start(1), "unknown parameter '" + use.group(1) + "': "
                        + ParameterTable.FILE + " declares " + String.join(", ", parameters.values().keySet())));
            }
        }
    }

    /** Form and record fields are named in strings, so the Java compiler cannot check them: this does. */
    private void checkFieldNames(ServiceItem item, String path, String text, List<PackError> errors) {
        Matcher bare = BARE_FIELD_USE.matcher(text);
        while (bare.find()) {
            errors.add(position(path, text, bare.start(), "write this." + bare.group(1) + "(…): the executable model "
                    + "needs 'this.' before a method that takes arguments"));
        }
        Matcher use = FIELD_USE.matcher(text);
        while (use.find()) {
            String name = use.group(2);
            FieldSpec field = item.form().containsKey(name) ? item.form().get(name) : item.records().get(name);
            if (field == null) {
                errors.add(position(path, text, use.start(2), "unknown field '" + name
                        + "': item.yaml declares " + String.join(", ", fieldNames(item))));
                continue;
            }
            Matcher value = STRING.matcher(use.group(3));
            while (value.find()) {
                if (!field.allows(value.group(1))) {
                    errors.add(position(path, text, use.start(3) + value.start(1),
                            "'" + value.group(1) + "' is not a value of " + name));
                }
            }
        }
    }

    private static List<String> fieldNames(ServiceItem item) {
        List<String> names = new ArrayList<>(item.form().keySet());
        names.addAll(item.records().keySet());
        return names;
    }

    private static PackError at(String path, String text, RuleDescr rule, String marker, String message) {
        if (marker != null) {
            int from = text.indexOf(rule.getName());
            int at = from < 0 ? -1 : text.indexOf(marker, from);
            if (at >= 0) {
                return position(path, text, at, message);
            }
        }
        return new PackError(path, rule.getLine(), rule.getColumn() + 1, message);
    }

    private static PackError position(String path, String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new PackError(path, line, offset - lineStart + 1, message);
    }

    /** An exception of the executable-model generator, as a build message. */
    private record ThrownMessage(RuntimeException e) implements Message {
        public long getId() {
            return 0;
        }

        public Level getLevel() {
            return Level.ERROR;
        }

        public String getKieBaseName() {
            return null;
        }

        public String getPath() {
            return null;
        }

        public int getLine() {
            return 1;
        }

        public int getColumn() {
            return 1;
        }

        public String getText() {
            return e.getMessage();
        }
    }

    private static String oneLine(String message) {
        // the parser repeats its own position ("[ERR 102] Line 35:0"); ours is already in front
        return message == null ? "error" : message.strip().replaceAll("\\s*\\R\\s*", " ")
                .replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+ ", "");
    }
}
