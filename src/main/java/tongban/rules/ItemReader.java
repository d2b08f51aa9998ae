package tongban.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tongban.rules.FieldSpec.Choice;
import tongban.rules.MaterialSpec.Means;
import tongban.rules.vocabulary.Text;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a pack's {@code item.yaml} (and the catalogue files it names), collecting every error it finds. */
final class ItemReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** The longest text a pack may declare: one field is never a document. */
    private static final int MAX_TEXT_LENGTH = 1000;

    private final PackSource source;
    private final List<PackError> errors;
    private final String text;

    private ItemReader(PackSource source, List<PackError> errors) {
        this.source = source;
        this.errors = errors;
        this.text = source.files().get(PackSource.ITEM_FILE);
    }

    /** The item, or null when {@code item.yaml} has errors (added to {@code errors}). */
    static ServiceItem read(PackSource source, List<PackError> errors) {
        return new ItemReader(source, errors).read();
    }

    static JsonNode parseYaml(String text) {
        return YAML.readTree(text);
    }

    private ServiceItem read() {
        JsonNode root;
        try {
            root = parseYaml(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            errors.add(new PackError(source.path(PackSource.ITEM_FILE), at == null ? 1 : at.getLineNr(),
                    at == null ? 1 : at.getColumnNr(), "not valid YAML: " + e.getOriginalMessage()));
            return null;
        }
        int before = errors.size();
        String code = string(root, "code");
        if (code != null && !code.equals(source.item())) {
            error("code", "code '" + code + "' must be the folder name '" + source.item() + "'");
        }
        Text name = text(root, "name");
        JsonNode dept = root.path("department");
        ServiceItem.Department department = new ServiceItem.Department(string(dept, "id"), text(root, "department"));
        List<String> basis = new ArrayList<>();
        root.path("legalBasis").forEach(b -> basis.add(b.asString()));
        if (basis.isEmpty()) {
            error("legalBasis", "legalBasis must list at least one law or regulation");
        }
        ServiceItem.IssuedDocument issues = new ServiceItem.IssuedDocument(string(root.path("issues"), "type"),
                text(root, "issues"));
        JsonNode fee = root.path("fee");
        Money money = new Money(fee.path("amount").isNumber() ? fee.path("amount").decimalValue() : BigDecimal.ZERO,
                fee.path("currency").asString("CNY"));
        if (!fee.path("amount").isNumber()) {
            error("fee", "fee.amount must be a number");
        }
        JsonNode limit = root.path("timeLimitWorkingDays");
        if (!limit.isIntegralNumber() || limit.asInt() < 0) {
            error("timeLimitWorkingDays", "timeLimitWorkingDays must be a whole number of working days, 0 or more");
        }
        Map<String, FieldSpec> form = fields(root.path("form"));
        Map<String, FieldSpec> records = fields(root.path("records"));
        List<MaterialSpec> materials = materials(root.path("materials"));
        for (String key : root.propertyNames()) {
            if (!Set.of("code", "itemCode", "name", "department", "legalBasis", "issues", "fee",
                    "timeLimitWorkingDays", "form", "records", "materials").contains(key)) {
                error(key, "unknown key '" + key + "'");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        // the national item code (事项编码) where one is published; some local items have none yet
        String itemCode = root.path("itemCode").isValueNode() ? root.path("itemCode").asString() : null;
        return new ServiceItem(code, itemCode, name, department, List.copyOf(basis), issues, money,
                limit.asInt(), form, records, materials);
    }

    private Map<String, FieldSpec> fields(JsonNode node) {
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String name = entry.getKey();
            JsonNode spec = entry.getValue();
            FieldSpec.Type type;
            try {
                type = FieldSpec.Type.valueOf(spec.path("type").asString("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(name + ":", "field '" + name + "' needs a type: text, flag, integer, decimal, choice or list");
                continue;
            }
            List<Choice> choices = new ArrayList<>();
            spec.path("values").forEach(v -> choices.add(new Choice(v.asString(), null)));
            if (spec.has("catalogue")) {
                choices.addAll(catalogue(spec.path("catalogue").asString()));
            }
            if ((type == FieldSpec.Type.CHOICE || type == FieldSpec.Type.LIST) && choices.isEmpty()) {
                error(name + ":", "field '" + name + "' of type " + type.name().toLowerCase(Locale.ROOT)
                        + " needs values or a catalogue");
            }
            BigDecimal min = spec.has("min") ? spec.path("min").decimalValue() : null;
            BigDecimal greaterThan = spec.has("greaterThan") ? spec.path("greaterThan").decimalValue() : null;
            Text label = spec.has("zh") ? new Text(spec.path("zh").asString(), spec.path("en").asString(null)) : null;
            fields.put(name, new FieldSpec(name, type, spec.path("required").asBoolean(false), List.copyOf(choices), min,
                    greaterThan, label, maxLength(name, type, spec)));
        }
        return fields;
    }

    /** A text's length in characters: declared, or the default; other types have none. */
    private Integer maxLength(String name, FieldSpec.Type type, JsonNode spec) {
        if (!spec.has("maxLength")) {
            return type == FieldSpec.Type.TEXT ? FieldSpec.DEFAULT_MAX_LENGTH : null;
        }
        JsonNode declared = spec.path("maxLength");
        if (type != FieldSpec.Type.TEXT) {
            error(name + ":", "field '" + name + "': maxLength is for text fields");
        } else if (!declared.isIntegralNumber() || declared.asInt() < 1 || declared.asInt() > MAX_TEXT_LENGTH) {
            error(name + ":", "field '" + name + "': maxLength must be a whole number from 1 to " + MAX_TEXT_LENGTH);
        } else {
            return declared.asInt();
        }
        return null;
    }

    private List<Choice> catalogue(String file) {
        String csv = source.files().get(file);
        if (csv == null) {
            error(file, "catalogue file '" + file + "' is not in the pack");
            return List.of();
        }
        List<Choice> choices = new ArrayList<>();
        String[] lines = csv.strip().split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            if (cells.length < 3 || cells[0].isBlank()) {
                errors.add(new PackError(source.path(file), i + 1, 1, "a catalogue line is: code,zh,en"));
                continue;
            }
            choices.add(new Choice(cells[0].strip(), new Text(cells[1].strip(), cells[2].strip())));
        }
        return choices;
    }

    private List<MaterialSpec> materials(JsonNode node) {
        List<MaterialSpec> materials = new ArrayList<>();
        for (JsonNode m : node) {
            String code = string(m, "code");
            Set<Means> means = EnumSet.noneOf(Means.class);
            for (JsonNode by : m.path("satisfiedBy")) {
                try {
                    means.add(Means.valueOf(by.asString().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    error(by.asString(), "material '" + code + "': satisfiedBy takes form, reuse, upload or commitment");
                }
            }
            if (means.isEmpty()) {
                error(code, "material '" + code + "' needs satisfiedBy");
            }
            List<String> accepts = new ArrayList<>();
            m.path("accepts").forEach(a -> accepts.add(a.asString().toLowerCase(Locale.ROOT)));
            if (means.contains(Means.UPLOAD) && accepts.isEmpty()) {
                error(code, "material '" + code + "' can be uploaded, so it must list the media types it accepts");
            }
            materials.add(new MaterialSpec(code, text(m, "name"), List.copyOf(accepts), Set.copyOf(means)));
        }
        return List.copyOf(materials);
    }

    private String string(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isValueNode() || value.asString().isBlank()) {
            error(key, "'" + key + "' is required");
            return null;
        }
        return value.asString();
    }

    private Text text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        String zh = value.path("zh").asString("");
        String en = value.path("en").asString("");
        if (zh.isBlank() || en.isBlank()) {
            error(key, "'" + key + "' needs zh and en");
        }
        return new Text(zh, en);
    }

    /** Reports at the first line mentioning {@code near}, since a parsed YAML tree keeps no positions. */
    private void error(String near, String message) {
        int line = 1;
        int column = 1;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(near);
            if (near != null && at >= 0) {
                line = i + 1;
                column = at + 1;
                break;
            }
        }
        errors.add(new PackError(source.path(PackSource.ITEM_FILE), line, column, message));
    }
}
