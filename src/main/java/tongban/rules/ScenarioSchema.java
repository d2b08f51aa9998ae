package tongban.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tongban.platform.StrictYaml;
import tongban.platform.StrictYaml.Value;

/**
 * Checks the shape of a pack's scenario files ({@code tests/*.yaml}) when the pack is compiled, so that a
 * misspelt {@code expect} key or a status that does not exist stops the pack at its line instead of
 * passing unnoticed. The facts themselves are read by {@link FactsReader} when the scenario runs, as an
 * evaluate request would be.
 */
final class ScenarioSchema {

    static final Set<String> EXPECT_KEYS = Set.of("outcome", "reasons", "materials", "visits", "atMostOnce",
            "fee", "timeLimit", "timeLimitWorkingDays", "invalidField");
    private static final Set<String> OUTCOMES = Set.of("ACCEPTABLE", "INCOMPLETE", "INELIGIBLE", "NOT_APPLICABLE");
    private static final Set<String> STATUSES = Set.of("PROVIDED", "REUSED", "COMMITTED", "MISSING", "REJECTED", "ABSENT");

    private ScenarioSchema() {
    }

    static void check(PackSource source, List<PackError> errors) {
        Set<String> names = new HashSet<>();
        source.scenarios().forEach((file, text) -> {
            String path = source.path("tests/" + file);
            if (!file.endsWith(".yaml") && !file.endsWith(".yml")) {
                errors.add(new PackError(path, 1, 1, "a scenario file ends in .yaml"));
                return;
            }
            List<StrictYaml.Problem> problems = new ArrayList<>();
            StrictYaml.parse(text, problems).ifPresent(root -> {
                if (!root.isList()) {
                    root.problem("a scenario file is a list of scenarios (- name: …)");
                    return;
                }
                root.list().forEach(s -> scenario(s, names));
            });
            problems.forEach(p -> errors.add(new PackError(path, p.line(), p.column(), p.message())));
        });
    }

    private static void scenario(Value node, Set<String> names) {
        Map<String, Value> s = node.map(Set.of("name", "facts", "expect"), Set.of("name", "facts", "expect"));
        if (s == null) {
            return;
        }
        if (s.containsKey("name")) {
            String name = s.get("name").text();
            if (name != null && !names.add(name)) {
                s.get("name").problem("another scenario of this pack has the name '" + name + "'");
            }
        }
        if (s.containsKey("facts") && !s.get("facts").isMap()) {
            s.get("facts").problem("facts is the body of an evaluate request: a map");
        }
        if (!s.containsKey("expect")) {
            return;
        }
        Map<String, Value> expect = s.get("expect").map(EXPECT_KEYS, Set.of());
        if (expect == null) {
            return;
        }
        if (expect.isEmpty()) {
            s.get("expect").problem("expect must say what the scenario checks");
        }
        expect.forEach((key, value) -> {
            switch (key) {
                case "outcome" -> value.oneOf(OUTCOMES);
                case "reasons" -> value.texts();
                case "materials" -> {
                    Map<String, Value> materials = value.entries();
                    if (materials != null) {
                        materials.values().forEach(v -> v.oneOf(STATUSES));
                    }
                }
                case "visits" -> {
                    Map<String, Value> visits = value.map(Set.of("count", "steps", "suggestions"), Set.of());
                    if (visits != null) {
                        visits.forEach((k, v) -> {
                            if (k.equals("count")) {
                                v.integer(0);
                            } else {
                                v.texts();
                            }
                        });
                    }
                }
                case "atMostOnce" -> value.bool();
                case "fee" -> value.number();
                case "timeLimit" -> {
                    Map<String, Value> limit = value.map(Set.of("days", "kind", "legalMaximum"), Set.of("days", "kind"));
                    if (limit != null) {
                        limit.forEach((k, v) -> {
                            switch (k) {
                                case "days" -> v.integer(0);
                                case "kind" -> v.oneOf(Set.of("WORKING", "CALENDAR"));
                                default -> {
                                    if (!v.isNull()) {
                                        Map<String, Value> max = v.map(Set.of("days", "kind"), Set.of("days", "kind"));
                                        if (max != null && max.size() == 2) {
                                            max.get("days").integer(0);
                                            max.get("kind").oneOf(Set.of("WORKING", "CALENDAR"));
                                        }
                                    }
                                }
                            }
                        });
                    }
                }
                case "timeLimitWorkingDays" -> {
                    if (!value.isNull()) {
                        value.integer(0);
                    }
                }
                default -> {
                    String field = value.text();
                    if (field != null && !field.startsWith("$")) {
                        value.problem("invalidField is a JSON path such as \"$.applicant.idNumber\"");
                    }
                }
            }
        });
    }
}
