package tongban.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tongban.platform.StrictYaml;
import tongban.platform.StrictYaml.Value;
import tongban.rules.Decision.DayKind;
import tongban.rules.FieldSpec.Choice;
import tongban.rules.MaterialSpec.Means;
import tongban.rules.vocabulary.Text;

/**
 * Reads a pack's {@code item.yaml} (and the catalogue files it names) against its schema: an unknown key,
 * a missing one or a value of the wrong kind is an error at its line and column, and every error is collected.
 */
final class ItemReader {

    private static final Set<String> ITEM_KEYS = Set.of("code", "itemCode", "name", "department", "legalBasis",
            "issues", "fee", "timeLimit", "timeLimitNote", "form", "records", "materials", "notices", "theme");
    private static final Set<String> FIELD_KEYS = Set.of("type", "required", "values", "catalogue", "min",
            "greaterThan", "maxLength", "of", "zh", "en");
    private static final Set<String> MATERIAL_KEYS = Set.of("code", "name", "accepts", "satisfiedBy");
    private static final Set<String> TEXT_KEYS = Set.of("zh", "en");
    private static final Set<String> REFUSAL_KEYS = Set.of("title", "decision", "basis");
    private static final Set<String> DAY_KINDS = Set.of("WORKING", "CALENDAR");
    /** The longest text a pack may declare: one field is never a document. */
    private static final int MAX_TEXT_LENGTH = 1000;

    private final PackSource source;
    private final List<PackError> errors;
    private final List<StrictYaml.Problem> problems = new ArrayList<>();

    private ItemReader(PackSource source, List<PackError> errors) {
        this.source = source;
        this.errors = errors;
    }

    /** The item, or null when {@code item.yaml} has errors (added to {@code errors}). */
    static ServiceItem read(PackSource source, List<PackError> errors) {
        return new ItemReader(source, errors).read();
    }

    private ServiceItem read() {
        ServiceItem item = StrictYaml.parse(source.files().get(PackSource.ITEM_FILE), problems)
                .map(this::item).orElse(null);
        problems.forEach(p -> errors.add(new PackError(source.path(PackSource.ITEM_FILE), p.line(), p.column(),
                p.message(), p.message().startsWith("not valid YAML"))));
        return problems.isEmpty() ? item : null;
    }

    private ServiceItem item(Value root) {
        Map<String, Value> item = root.map(ITEM_KEYS, Set.of("code", "name", "department", "legalBasis", "issues",
                "fee", "timeLimit", "form", "records", "materials", "notices"));
        if (item == null) {
            return null;
        }
        String code = get(item, "code", Value::text);
        if (code != null && !code.equals(source.item())) {
            item.get("code").problem("code '" + code + "' must be the folder name '" + source.item() + "'");
        }
        // the national item code (事项编码) where one is published; some local items have none yet
        String itemCode = get(item, "itemCode", Value::text);
        Text name = get(item, "name", this::text);
        // the portal's grouping (主题), optional: an item without one is listed under "other services"
        ServiceItem.Theme theme = get(item, "theme", v -> {
            Map<String, Value> t = v.map(Set.of("code", "zh", "en"), Set.of("code", "zh", "en"));
            return t == null ? null : new ServiceItem.Theme(get(t, "code", Value::text),
                    new Text(get(t, "zh", Value::text), get(t, "en", Value::text)));
        });
        ServiceItem.Department department = get(item, "department", v -> {
            Map<String, Value> d = v.map(Set.of("id", "zh", "en"), Set.of("id", "zh", "en"));
            return d == null ? null : new ServiceItem.Department(get(d, "id", Value::text),
                    new Text(get(d, "zh", Value::text), get(d, "en", Value::text)));
        });
        List<String> basis = get(item, "legalBasis", Value::texts);
        if (basis != null && basis.isEmpty()) {
            item.get("legalBasis").problem("legalBasis must list at least one law or regulation");
        }
        ServiceItem.IssuedDocument issues = get(item, "issues", v -> {
            Map<String, Value> i = v.map(Set.of("type", "zh", "en"), Set.of("type", "zh", "en"));
            return i == null ? null : new ServiceItem.IssuedDocument(get(i, "type", Value::text),
                    new Text(get(i, "zh", Value::text), get(i, "en", Value::text)));
        });
        Money fee = get(item, "fee", v -> {
            Map<String, Value> f = v.map(Set.of("amount", "currency"), Set.of("amount", "currency"));
            return f == null ? null : new Money(get(f, "amount", Value::number), get(f, "currency", Value::text));
        });
        Decision.TimeLimit limit = get(item, "timeLimit", this::timeLimit);
        Text limitNote = get(item, "timeLimitNote", this::text);
        Map<String, FieldSpec> form = get(item, "form", this::fields);
        Map<String, FieldSpec> records = get(item, "records", this::fields);
        List<MaterialSpec> materials = get(item, "materials", this::materials);
        ServiceItem.Notices notices = get(item, "notices", this::notices);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ServiceItem(code, itemCode, name, department, List.copyOf(basis), issues, fee, limit, limitNote,
                form, records, materials, notices, theme);
    }

    private static <T> T get(Map<String, Value> map, String key, Function<Value, T> read) {
        Value value = map.get(key);
        return value == null ? null : read.apply(value);
    }

    /** {@code {days, kind, legalMaximum: {days, kind} | null}}: the promised time and the law's maximum. */
    private Decision.TimeLimit timeLimit(Value value) {
        Map<String, Value> t = value.map(Set.of("days", "kind", "legalMaximum"), Set.of("days", "kind", "legalMaximum"));
        if (t == null) {
            return null;
        }
        Integer days = get(t, "days", v -> v.integer(0));
        DayKind kind = get(t, "kind", this::dayKind);
        Decision.Days maximum = get(t, "legalMaximum", v -> {
            if (v.isNull()) {
                return null;
            }
            Map<String, Value> m = v.map(Set.of("days", "kind"), Set.of("days", "kind"));
            return m == null ? null : new Decision.Days(get(m, "days", d -> d.integer(0)), get(m, "kind", this::dayKind));
        });
        if (days != null && maximum != null && kind == maximum.kind() && days > maximum.days()) {
            value.problem("timeLimit.days (" + days + ") exceeds the legal maximum (" + maximum.days() + ")");
        }
        return days == null || kind == null ? null : new Decision.TimeLimit(days, kind, maximum);
    }

    private DayKind dayKind(Value value) {
        String kind = value.oneOf(DAY_KINDS);
        return kind == null ? null : DayKind.valueOf(kind);
    }

    private Map<String, FieldSpec> fields(Value node) {
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        Map<String, Value> entries = node.entries();
        if (entries == null) {
            return fields;
        }
        entries.forEach((name, value) -> {
            Map<String, Value> spec = value.map(FIELD_KEYS, Set.of("type", "zh", "en"));
            if (spec == null) {
                return;
            }
            String typeName = get(spec, "type", v -> v.oneOf(Set.of("text", "flag", "integer", "decimal", "choice", "list",
                    "certificate")));
            FieldSpec.Type type = typeName == null ? null : FieldSpec.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
            List<Choice> choices = new ArrayList<>();
            List<Choice> values = get(spec, "values", this::values);
            if (values != null) {
                choices.addAll(values);
            }
            String catalogue = get(spec, "catalogue", Value::text);
            if (catalogue != null) {
                choices.addAll(catalogue(catalogue, spec.get("catalogue")));
            }
            boolean choosing = type == FieldSpec.Type.CHOICE || type == FieldSpec.Type.LIST;
            if (choosing && choices.isEmpty()) {
                value.problem("field '" + name + "' of type " + typeName + " needs values or a catalogue");
            } else if (type != null && !choosing && (values != null || catalogue != null)) {
                value.problem("field '" + name + "' of type " + typeName + " takes no values or catalogue");
            }
            String of = get(spec, "of", Value::text);
            if (type == FieldSpec.Type.CERTIFICATE && of == null) {
                value.problem("field '" + name + "' of type certificate needs 'of', the certificate type it names");
            } else if (type != null && type != FieldSpec.Type.CERTIFICATE && of != null) {
                value.problem("field '" + name + "' of type " + typeName + " takes no 'of'");
            }
            Boolean required = spec.containsKey("required") ? spec.get("required").bool() : Boolean.FALSE;
            BigDecimal min = get(spec, "min", Value::number);
            BigDecimal greaterThan = get(spec, "greaterThan", Value::number);
            Integer maxLength = maxLength(name, type, spec);
            Text label = new Text(get(spec, "zh", Value::text), get(spec, "en", Value::text));
            if (type != null && required != null) {
                fields.put(name, new FieldSpec(name, type, required, List.copyOf(choices), min, greaterThan, label,
                        maxLength, of));
            }
        });
        return fields;
    }

    /** A field's values: codes, or {@code {code, zh, en}} when the applicant should read a label, not the code. */
    private List<Choice> values(Value node) {
        List<Choice> values = new ArrayList<>();
        for (Value v : node.list()) {
            if (v.isMap()) {
                Map<String, Value> c = v.map(Set.of("code", "zh", "en"), Set.of("code", "zh", "en"));
                if (c != null) {
                    values.add(new Choice(get(c, "code", Value::text), new Text(get(c, "zh", Value::text),
                            get(c, "en", Value::text))));
                }
            } else {
                String code = v.text();
                if (code != null) {
                    values.add(new Choice(code, null));
                }
            }
        }
        return values;
    }

    /** A text's length in characters: declared, or the default; a certificate number's is fixed; others have none. */
    private static Integer maxLength(String name, FieldSpec.Type type, Map<String, Value> spec) {
        Value declared = spec.get("maxLength");
        if (declared == null) {
            if (type == FieldSpec.Type.TEXT) {
                return FieldSpec.DEFAULT_MAX_LENGTH;
            }
            return type == FieldSpec.Type.CERTIFICATE ? Integer.valueOf(FieldSpec.CERTIFICATE_NUMBER_LENGTH) : null;
        }
        Integer length = declared.integer(Integer.MIN_VALUE);
        if (type != null && type != FieldSpec.Type.TEXT) {
            declared.problem("field '" + name + "': maxLength is for text fields");
        } else if (length != null && (length < 1 || length > MAX_TEXT_LENGTH)) {
            declared.problem("field '" + name + "': maxLength must be a whole number from 1 to " + MAX_TEXT_LENGTH);
        } else {
            return length;
        }
        return null;
    }

    private List<Choice> catalogue(String file, Value at) {
        String csv = source.files().get(file);
        if (csv == null) {
            at.problem("catalogue file '" + file + "' is not in the pack");
            return List.of();
        }
        List<Choice> choices = new ArrayList<>();
        String[] lines = csv.split("\\R", -1);
        if (!lines[0].strip().equals("code,zh,en")) {
            errors.add(new PackError(source.path(file), 1, 1, "the first line of a catalogue is: code,zh,en"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank() && i == lines.length - 1) {
                break;
            }
            String[] cells = lines[i].split(",", -1);
            if (cells.length != 3 || cells[0].isBlank() || cells[1].isBlank() || cells[2].isBlank()) {
                errors.add(new PackError(source.path(file), i + 1, 1, "a catalogue line is code,zh,en: three "
                        + "non-empty cells, and a name may not hold a comma (" + cells.length + " cells here)"));
                continue;
            }
            String code = cells[0].strip();
            if (!code.matches("[a-z0-9][a-z0-9-]*")) {
                errors.add(new PackError(source.path(file), i + 1, 1, "a catalogue code is lower-case letters, digits "
                        + "and '-', not '" + code + "'"));
            } else if (!seen.add(code)) {
                errors.add(new PackError(source.path(file), i + 1, 1, "code '" + code + "' is listed twice"));
            }
            choices.add(new Choice(code, new Text(cells[1].strip(), cells[2].strip())));
        }
        return choices;
    }

    private List<MaterialSpec> materials(Value node) {
        List<MaterialSpec> materials = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Value m : node.list()) {
            Map<String, Value> spec = m.map(MATERIAL_KEYS, Set.of("code", "name", "satisfiedBy"));
            if (spec == null) {
                continue;
            }
            String code = get(spec, "code", Value::text);
            if (code != null && !codes.add(code)) {
                spec.get("code").problem("material '" + code + "' is declared twice");
            }
            Set<Means> means = EnumSet.noneOf(Means.class);
            List<Value> by = get(spec, "satisfiedBy", Value::list);
            for (Value b : by == null ? List.<Value>of() : by) {
                String word = b.oneOf(Set.of("form", "reuse", "upload", "commitment"));
                if (word != null) {
                    means.add(Means.valueOf(word.toUpperCase(Locale.ROOT)));
                }
            }
            if (by != null && by.isEmpty()) {
                spec.get("satisfiedBy").problem("material '" + code + "' needs satisfiedBy: form, reuse, upload or commitment");
            }
            List<String> accepts = new ArrayList<>();
            List<Value> types = get(spec, "accepts", Value::list);
            for (Value t : types == null ? List.<Value>of() : types) {
                String type = t.text();
                if (type != null && !type.matches("[a-z]+/([a-z0-9.+-]+|\\*)")) {
                    t.problem("'" + type + "' is not a media type such as application/pdf or image/*");
                } else if (type != null) {
                    accepts.add(type);
                }
            }
            if (means.contains(Means.UPLOAD) && accepts.isEmpty() && types == null) {
                m.problem("material '" + code + "' can be uploaded, so it must list the media types it accepts");
            } else if (!means.contains(Means.UPLOAD) && types != null) {
                spec.get("accepts").problem("material '" + code + "' cannot be uploaded, so it accepts no media type");
            }
            materials.add(new MaterialSpec(code, get(spec, "name", this::text), List.copyOf(accepts), Set.copyOf(means)));
        }
        return List.copyOf(materials);
    }

    private ServiceItem.Notices notices(Value node) {
        Map<String, Value> n = node.map(Set.of("accepted", "incomplete", "ineligible", "notApplicable"),
                Set.of("accepted", "incomplete", "ineligible", "notApplicable"));
        return n == null ? null : new ServiceItem.Notices(get(n, "accepted", Value::text), get(n, "incomplete", Value::text),
                get(n, "ineligible", this::refusal), get(n, "notApplicable", this::refusal));
    }

    private ServiceItem.Refusal refusal(Value node) {
        Map<String, Value> r = node.map(REFUSAL_KEYS, REFUSAL_KEYS);
        return r == null ? null : new ServiceItem.Refusal(get(r, "title", Value::text), get(r, "decision", Value::text),
                get(r, "basis", Value::text));
    }

    private Text text(Value node) {
        Map<String, Value> t = node.map(TEXT_KEYS, TEXT_KEYS);
        return t == null ? null : new Text(get(t, "zh", Value::text), get(t, "en", Value::text));
    }
}
