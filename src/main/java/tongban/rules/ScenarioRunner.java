package tongban.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import tongban.platform.ApiProblem;
import tongban.rules.Decision.MaterialCheck;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs the scenarios in each pack's {@code tests/*.yaml}, OpenFisca style: {@code facts} is an evaluate
 * body verbatim and {@code expect} lists only what the scenario checks ({@code outcome}, {@code reasons},
 * {@code materials}, {@code visits}, {@code atMostOnce}, {@code fee}, {@code timeLimit}, {@code timeLimitWorkingDays}, or
 * {@code invalidField} for facts that must be refused).
 */
final class ScenarioRunner {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ScenarioRunner() {
    }

    static ScenarioReport run(List<CompiledPack> packs, IntPredicate printable) {
        List<ScenarioResult> results = new ArrayList<>();
        List<String> neverFired = new ArrayList<>();
        for (CompiledPack pack : packs) {
            Set<String> fired = new HashSet<>();
            pack.source().scenarios().forEach((file, text) -> {
                if (file.endsWith(".yaml") || file.endsWith(".yml")) {
                    results.addAll(runFile(pack, file, text, fired, printable));
                }
            });
            pack.rulesInOrder().stream().filter(r -> !fired.contains(r.name()))
                    .forEach(r -> neverFired.add(r.file() + ":" + r.line() + ": " + r.name()));
        }
        return new ScenarioReport(List.copyOf(results), List.copyOf(neverFired));
    }

    private static List<ScenarioResult> runFile(CompiledPack pack, String file, String text, Set<String> fired,
                                                IntPredicate printable) {
        String path = pack.source().path("tests/" + file);
        // the pack compiler has checked the file's shape (ScenarioSchema), so it parses as a list of scenarios
        JsonNode scenarios = YAML.readTree(text);
        List<ScenarioResult> results = new ArrayList<>();
        int index = 0;
        for (JsonNode scenario : scenarios) {
            index++;
            String name = scenario.path("name").asString("scenario " + index);
            results.add(runOne(pack, path, name, scenario, fired, printable));
        }
        return results;
    }

    private static ScenarioResult runOne(CompiledPack pack, String path, String name, JsonNode scenario, Set<String> fired,
                                         IntPredicate printable) {
        List<String> failures = new ArrayList<>();
        JsonNode expect = scenario.path("expect");
        Decision decision = null;
        try {
            decision = Evaluator.evaluate(pack, FactsReader.read(pack.item(), scenario.path("facts"), printable));
            decision.trace().forEach(t -> fired.add(t.rule()));
        } catch (ApiProblem problem) {
            if (!expect.has("invalidField")) {
                failures.add("facts refused at " + problem.field() + ": " + problem.getMessage());
            } else if (!expect.path("invalidField").asString().equals(problem.field())) {
                failures.add("expected facts refused at " + expect.path("invalidField").asString()
                        + " but refused at " + problem.field() + ": " + problem.getMessage());
            }
        }
        if (decision != null) {
            if (expect.has("invalidField")) {
                failures.add("expected the facts to be refused at " + expect.path("invalidField").asString());
            }
            check(decision, expect, failures);
        }
        return new ScenarioResult(pack.item().code(), path, name, failures.isEmpty(), List.copyOf(failures));
    }

    private static void check(Decision d, JsonNode expect, List<String> failures) {
        if (expect.has("outcome")) {
            same("outcome", expect.path("outcome").asString(), d.outcome().name(), failures);
        }
        if (expect.has("reasons")) {
            same("reasons", codes(expect.path("reasons")), new TreeSet<>(d.reasons().stream()
                    .map(Decision.DecisionReason::code).toList()), failures);
        }
        if (expect.has("materials")) {
            for (var entry : expect.path("materials").properties()) {
                String actual = d.materials().stream().filter(m -> m.code().equals(entry.getKey()))
                        .map(MaterialCheck::status).map(Enum::name).findFirst().orElse("ABSENT");
                same("materials." + entry.getKey(), entry.getValue().asString(), actual, failures);
            }
        }
        JsonNode visits = expect.path("visits");
        if (visits.has("count")) {
            same("visits.count", visits.path("count").asInt(), d.visits().count(), failures);
        }
        if (visits.has("steps")) {
            same("visits.steps", codes(visits.path("steps")), new TreeSet<>(d.visits().steps().stream()
                    .map(Decision.Step::code).toList()), failures);
        }
        if (visits.has("suggestions")) {
            same("visits.suggestions", codes(visits.path("suggestions")), new TreeSet<>(d.visits().suggestions().stream()
                    .map(Decision.Advice::code).toList()), failures);
        }
        if (expect.has("atMostOnce")) {
            same("atMostOnce", expect.path("atMostOnce").asBoolean(), d.atMostOnce(), failures);
        }
        if (expect.has("fee")) {
            same("fee", expect.path("fee").decimalValue().stripTrailingZeros().toPlainString(),
                    d.fee().amount().stripTrailingZeros().toPlainString(), failures);
        }
        JsonNode limit = expect.path("timeLimit");
        if (limit.isObject()) {
            same("timeLimit.days", limit.path("days").asInt(), d.timeLimit().days(), failures);
            same("timeLimit.kind", limit.path("kind").asString(), d.timeLimit().kind().name(), failures);
            if (limit.has("legalMaximum")) {
                JsonNode max = limit.path("legalMaximum");
                same("timeLimit.legalMaximum", max.isNull() ? null : max.path("days").asInt() + " " + max.path("kind").asString(),
                        d.timeLimit().legalMaximum() == null ? null
                                : d.timeLimit().legalMaximum().days() + " " + d.timeLimit().legalMaximum().kind(), failures);
            }
        }
        if (expect.has("timeLimitWorkingDays")) {
            JsonNode days = expect.path("timeLimitWorkingDays");
            same("timeLimitWorkingDays", days.isNull() ? null : days.asInt(), d.timeLimitWorkingDays(), failures);
        }
    }

    private static TreeSet<String> codes(JsonNode list) {
        TreeSet<String> codes = new TreeSet<>();
        list.forEach(c -> codes.add(c.asString()));
        return codes;
    }

    private static void same(String what, Object expected, Object actual, List<String> failures) {
        if (!Objects.equals(expected, actual)) {
            failures.add(what + ": expected " + expected + " but was " + actual);
        }
    }
}
