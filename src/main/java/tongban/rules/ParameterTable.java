package tongban.rules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tongban.platform.StrictYaml;
import tongban.platform.StrictYaml.Value;
import tongban.rules.vocabulary.Parameters;

/**
 * A pack's {@code parameters.yaml} (after OpenFisca's parameters): each threshold or amount the rules use, with its
 * values by the date from which each applies and the legal reference of each. A decision reads the value in force on
 * its {@code asOf}, so a change that applies from a date changes decisions from that date only.
 */
record ParameterTable(Map<String, List<Dated>> values) {

    static final String FILE = "parameters.yaml";
    private static final Set<String> KEYS = Set.of("zh", "en", "unit", "values");
    private static final Set<String> VALUE_KEYS = Set.of("from", "value", "basis");

    /** One value, applying from {@code from} until the next one's date. */
    record Dated(LocalDate from, long value, String basis) {
    }

    static final ParameterTable NONE = new ParameterTable(Map.of());

    /** The pack's parameters, or none when it has no parameters.yaml; problems go to {@code errors}. */
    static ParameterTable read(PackSource source, List<PackError> errors) {
        String text = source.files().get(FILE);
        if (text == null) {
            return NONE;
        }
        List<StrictYaml.Problem> problems = new ArrayList<>();
        Map<String, List<Dated>> values = new LinkedHashMap<>();
        StrictYaml.parse(text, problems).ifPresent(root -> {
            Map<String, Value> parameters = root.entries();
            if (parameters == null) {
                return;
            }
            parameters.forEach((name, spec) -> {
                if (!name.matches("[a-z][A-Za-z0-9]*")) {
                    spec.problem(name + ": parameter names are camelCase letters and digits");
                    return;
                }
                Map<String, Value> keys = spec.map(KEYS, Set.of("zh", "en", "values"));
                if (keys == null || !keys.keySet().containsAll(Set.of("zh", "en", "values"))) {
                    return;
                }
                keys.get("zh").text();
                keys.get("en").text();
                List<Dated> dated = new ArrayList<>();
                for (Value item : keys.get("values").list()) {
                    Map<String, Value> v = item.map(VALUE_KEYS, VALUE_KEYS);
                    if (v == null || v.size() < VALUE_KEYS.size()) {
                        continue;
                    }
                    LocalDate from = date(v.get("from"));
                    Integer value = v.get("value").integer(0);
                    String basis = v.get("basis").text();
                    if (basis != null && !basis.contains("《")) {
                        v.get("basis").problem(item.what() + ".basis names the law and its article, such as "
                                + "《中华人民共和国民法典》第十八条第二款");
                    }
                    if (from != null && value != null && basis != null) {
                        dated.add(new Dated(from, value, basis));
                    }
                }
                if (dated.isEmpty()) {
                    keys.get("values").problem(name + ".values needs at least one { from, value, basis }");
                }
                dated.sort(Comparator.comparing(Dated::from));
                values.put(name, List.copyOf(dated));
            });
        });
        problems.forEach(p -> errors.add(new PackError(source.path(FILE), p.line(), p.column(), p.message(),
                p.message().startsWith("not valid YAML"))));
        return new ParameterTable(Map.copyOf(values));
    }

    /** The values in force on {@code asOf}: for each parameter the last value from on or before it. */
    Parameters at(LocalDate asOf) {
        Map<String, Long> inForce = new LinkedHashMap<>();
        values.forEach((name, dated) -> dated.stream().filter(d -> !d.from().isAfter(asOf))
                .reduce((earlier, later) -> later).ifPresent(d -> inForce.put(name, d.value())));
        return new Parameters(asOf, inForce);
    }

    private static LocalDate date(Value value) {
        String text = value.text();
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            value.problem(value.what() + " must be a date such as 2026-01-01");
            return null;
        }
    }
}
