package tongban.documents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A template's {@code template.yaml}: what its certificates must carry. The README in templates/ explains
 * each key to policy staff.
 */
record TemplateSpec(String title, NumberPattern number, String sequence, HolderIdKind holderId,
                    int holderNameMaxLength, int issuerMaxLength, Integer validityYears, Source holderName,
                    Source holderIdFrom, String seal, String retention, Map<String, Field> fields, String label) {

    static final String FILE = "template.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of("title", "number", "holderId", "holderName", "issuer", "validity",
            "holder", "seal", "retention", "fields", "label");
    private static final Set<String> NUMBER_KEYS = Set.of("pattern", "codes", "sequence");
    private static final Set<String> HOLDER_KEYS = Set.of("name", "id");
    private static final Set<String> LENGTH_KEYS = Set.of("maxLength");
    private static final Set<String> FIELD_KEYS = Set.of("required", "list", "maxLength", "maxItems", "names", "catalogue",
            "from", "map", "otherwise");
    /** What a value may be taken from: the applicant, the form, the shared records, a certificate held. */
    private static final String SOURCE = "(applicant\\.(name|representativeName|id)|form\\.[a-zA-Z][A-Za-z0-9]*"
            + "|records\\.[a-zA-Z][A-Za-z0-9]*|held\\.[a-z0-9-]+\\.(number|form\\.[a-zA-Z][A-Za-z0-9]*))";

    /** The validity of a certificate issued on {@code issued}: null for none (长期). */
    java.time.LocalDate validUntil(java.time.LocalDate issued) {
        return validityYears == null ? null : issued.plusYears(validityYears).minusDays(1);
    }

    boolean validUntilRequired() {
        return validityYears != null;
    }

    /**
     * Where a value is taken from when a certificate is issued: the first of {@code from} that has one, then
     * through {@code map} (a list into a single value: the first item {@code map} knows), else {@code otherwise}.
     */
    record Source(List<String> from, Map<String, String> map, String otherwise) {

        Object value(java.util.function.Function<String, Object> lookup, boolean list) {
            Object found = null;
            for (String path : from) {
                Object value = lookup.apply(path);
                if (value instanceof String text && !text.isBlank() || value instanceof List<?> items && !items.isEmpty()) {
                    found = value;
                    break;
                }
            }
            if (map.isEmpty()) {
                return found == null ? otherwise : found;
            }
            List<?> items = found instanceof List<?> l ? l : found == null ? List.of() : List.of(found);
            if (list) {
                return items.stream().map(item -> map.getOrDefault(String.valueOf(item), String.valueOf(item))).toList();
            }
            return items.stream().map(item -> map.get(String.valueOf(item))).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(otherwise);
        }
    }

    /**
     * One item-specific value.
     *
     * @param names display text by code, when the value is a code (a scope, a food category); else null
     */
    record Field(String name, boolean required, boolean list, int maxLength, int maxItems, Map<String, String> names,
                 Source source) {
    }

    static TemplateSpec read(Path folder) {
        Path file = folder.resolve(FILE);
        return new Reader(file).read(yaml(file));
    }

    /** A template folder's YAML file (this one, notice.yaml), or what keeps it from being read. */
    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            throw new InvalidTemplate(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
    }

    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        TemplateSpec read(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fault("", "must be a mapping with " + KEYS);
            }
            unknownKeys(root, KEYS, "");
            String title = text(root, "title");
            JsonNode numberNode = root.path("number");
            if (!numberNode.isObject()) {
                throw fault("number", "must be a mapping with pattern (and codes, sequence)");
            }
            unknownKeys(numberNode, NUMBER_KEYS, "number.");
            Map<String, Map<String, String>> codes = new LinkedHashMap<>();
            numberNode.path("codes").properties().forEach(e ->
                    codes.put(e.getKey(), inlineNames(e.getValue(), "number.codes." + e.getKey())));
            NumberPattern number;
            try {
                number = NumberPattern.parse(text(numberNode, "pattern", "number.pattern"), codes);
            } catch (IllegalArgumentException e) {
                throw fault("number.pattern", e.getMessage());
            }
            String type = file.getParent().getFileName().toString();
            String sequence = numberNode.has("sequence") ? text(numberNode, "sequence", "number.sequence") : type;
            HolderIdKind holderId = HolderIdKind.of(text(root, "holderId"));
            if (holderId == null) {
                throw fault("holderId", "must be one of " + HolderIdKind.keys());
            }
            int holderNameLength = maxLength(root, "holderName", 60);
            int issuer = maxLength(root, "issuer", 40);
            JsonNode validity = root.get("validity");
            Integer years = null;
            if (validity != null && validity.isObject() && validity.size() == 1 && validity.path("years").isInt()
                    && validity.path("years").asInt() > 0) {
                years = validity.path("years").asInt();
            } else if (validity == null || !validity.isString() || !validity.asString().equals("unlimited")) {
                throw fault("validity", "must be { years: N } (valid until the day before the Nth anniversary) or"
                        + " unlimited (长期)");
            }
            JsonNode holder = root.path("holder");
            if (!holder.isObject()) {
                throw fault("holder", "must be a mapping with name and id, each where it is taken from");
            }
            unknownKeys(holder, HOLDER_KEYS, "holder.");
            Source holderName = source(holder.path("name"), "holder.name", Map.of(), null);
            Source holderIdFrom = source(holder.path("id"), "holder.id", Map.of(), null);
            if (holderName == null || holderIdFrom == null) {
                throw fault("holder", "needs both name and id");
            }
            String seal = text(root, "seal");
            String retention = text(root, "retention");
            if (!retention.matches("[A-Z][A-Z0-9_]*")) {
                throw fault("retention", "must be a retention class such as PERMANENT, LONG or SHORT");
            }
            Map<String, Field> fields = new LinkedHashMap<>();
            JsonNode fieldNodes = root.path("fields");
            for (Iterator<String> names = fieldNodes.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                fields.put(name, field(name, fieldNodes.get(name)));
            }
            // the field that names a certificate where the applicant chooses among theirs (a business's name)
            String label = root.has("label") ? text(root, "label") : null;
            if (label != null && !fields.containsKey(label)) {
                throw fault("label", "must name one of the fields: " + String.join(", ", fields.keySet()));
            }
            return new TemplateSpec(title, number, sequence, holderId, holderNameLength, issuer, years, holderName,
                    holderIdFrom, seal.equals("item") ? null : seal, retention, Collections.unmodifiableMap(fields), label);
        }

        private Field field(String name, JsonNode node) {
            String at = "fields." + name;
            if (!name.matches("[a-z][A-Za-z0-9]*")) {
                throw fault(at, "field names are camelCase letters and digits");
            }
            if (!node.isObject()) {
                throw fault(at, "must be a mapping, e.g. { maxLength: 40 }");
            }
            unknownKeys(node, FIELD_KEYS, at + ".");
            boolean list = node.path("list").asBoolean(false);
            Map<String, String> names = null;
            if (node.has("names") && node.has("catalogue")) {
                throw fault(at, "names and catalogue exclude each other");
            } else if (node.has("names")) {
                names = inlineNames(node.get("names"), at + ".names");
            } else if (node.has("catalogue")) {
                names = catalogue(node.get("catalogue").asString(), at + ".catalogue");
            }
            Map<String, String> map = node.has("map") ? inlineNames(node.get("map"), at + ".map") : Map.of();
            String otherwise = node.has("otherwise") ? text(node, "otherwise", at + ".otherwise") : null;
            if (!node.has("from") && (node.has("map") || otherwise != null)) {
                throw fault(at, "map and otherwise need from");
            }
            return new Field(name, node.path("required").asBoolean(true), list,
                    positive(node, "maxLength", 100, at), list ? positive(node, "maxItems", 20, at) : 1, names,
                    node.has("from") ? source(node.get("from"), at + ".from", map, otherwise) : null);
        }

        // one source or a list of them, the first with a value taken
        private Source source(JsonNode node, String at, Map<String, String> map, String otherwise) {
            if (node.isMissingNode()) {
                return null;
            }
            List<String> from = new ArrayList<>();
            for (JsonNode path : node.isArray() ? node : List.of(node)) {
                if (!path.isString() || !path.asString().matches(SOURCE)) {
                    throw fault(at, "takes applicant.name, applicant.representativeName, applicant.id, form.FIELD,"
                            + " records.FIELD, held.TYPE.number or held.TYPE.form.FIELD (or a list of them), not " + path);
                }
                from.add(path.asString());
            }
            if (from.isEmpty()) {
                throw fault(at, "names no source");
            }
            return new Source(List.copyOf(from), map, otherwise);
        }

        // holderName and issuer are common to all templates; only their length is the template's to set
        private int maxLength(JsonNode root, String key, int otherwise) {
            JsonNode node = root.get(key);
            if (node == null) {
                return otherwise;
            }
            if (!node.isObject()) {
                throw fault(key, "must be a mapping, e.g. { maxLength: 20 }");
            }
            unknownKeys(node, LENGTH_KEYS, key + ".");
            return positive(node, "maxLength", otherwise, key);
        }

        private Map<String, String> inlineNames(JsonNode node, String at) {
            if (!node.isObject() || node.isEmpty()) {
                throw fault(at, "must map each code to its printed text, e.g. { catering-hot: 热食类食品制售 }");
            }
            Map<String, String> names = new LinkedHashMap<>();
            node.properties().forEach(entry -> names.put(entry.getKey(), entry.getValue().asString()));
            return Collections.unmodifiableMap(names);
        }

        // A CSV with a header naming the columns code and zh, such as a rule pack's scopes.csv: the
        // printed names then have one source.
        private Map<String, String> catalogue(String relative, String at) {
            Path csv = file.getParent().resolve(relative).normalize();
            List<String> lines;
            try {
                lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw fault(at, "cannot read " + csv + ": " + e.getMessage());
            }
            List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
            int code = header.indexOf("code");
            int zh = header.indexOf("zh");
            if (code < 0 || zh < 0) {
                throw fault(at, csv + " must have a header line with the columns code and zh");
            }
            Map<String, String> names = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
                if (cells.size() != header.size()) {
                    throw fault(at, csv + ": line '" + line + "' does not have " + header.size() + " cells");
                }
                names.put(cells.get(code).strip(), cells.get(zh).strip());
            }
            return Collections.unmodifiableMap(names);
        }

        private int positive(JsonNode node, String key, int otherwise, String at) {
            if (!node.has(key)) {
                return otherwise;
            }
            JsonNode value = node.get(key);
            if (!value.isInt() || value.asInt() < 1) {
                throw fault(at + "." + key, "must be a whole number from 1");
            }
            return value.asInt();
        }

        private String text(JsonNode root, String key) {
            return text(root, key, key);
        }

        private String text(JsonNode root, String key, String at) {
            JsonNode value = root.get(key);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                throw fault(at, "is required");
            }
            return value.asString();
        }

        private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
            for (String key : node.propertyNames()) {
                if (!known.contains(key)) {
                    throw fault(prefix + key, "unknown key; known keys are " + known);
                }
            }
        }

        private InvalidTemplate fault(String at, String message) {
            return new InvalidTemplate(file + ": " + (at.isEmpty() ? "" : at + ": ") + message);
        }
    }
}
