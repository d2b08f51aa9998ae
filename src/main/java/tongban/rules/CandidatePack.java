package tongban.rules;

import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import tools.jackson.databind.JsonNode;

/**
 * A changed pack compiled aside for an impact preview (影响预评估): its compile errors, or its rules and the result of
 * its own scenarios. It never serves: the packs loaded stay as they are. Close it to forget its compiled rules.
 */
public final class CandidatePack implements AutoCloseable {

    private final String version;
    private final List<PackError> errors;
    private final CompiledPack pack;
    private final ScenarioReport scenarios;
    private final PackCompiler compiler;
    private final IntPredicate printable;

    CandidatePack(PackSource source, PackCompiler compiler, IntPredicate printable) {
        this.version = source.version();
        this.compiler = compiler;
        this.printable = printable;
        CompiledPack compiled = null;
        List<PackError> found = List.of();
        try {
            compiled = compiler.compileAll(List.of(source)).get(0);
        } catch (PackCompiler.PackInvalid e) {
            found = e.errors();
        }
        this.pack = compiled;
        this.errors = found;
        this.scenarios = compiled == null ? null : ScenarioRunner.run(List.of(compiled), printable);
    }

    /** The content hash of the candidate's rules (scenarios excluded), as a pack loaded from these files would have. */
    public String version() {
        return version;
    }

    /** Every compile error, located; empty when the candidate compiled. */
    public List<PackError> errors() {
        return errors;
    }

    /** Its scenarios' results, when it compiled. */
    public Optional<ScenarioReport> scenarios() {
        return Optional.ofNullable(scenarios);
    }

    /** Decides JSON facts with the candidate; facts it refuses raise {@code INVALID_FACTS} as on a loaded pack. */
    public Decision evaluate(JsonNode facts) {
        if (pack == null) {
            throw new IllegalStateException("the candidate did not compile");
        }
        return Evaluator.evaluate(pack, FactsReader.read(pack.item(), facts, printable));
    }

    @Override
    public void close() {
        if (pack != null) {
            compiler.release(pack);
        }
    }
}
