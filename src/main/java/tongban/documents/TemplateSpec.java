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
record TemplateSpec(String title, NumberScheme number, HolderIdKind holderId, int holderNameMaxLength,
                    int issuerMaxLength, boolean validUntilRequired, Map<String, Field> fields) {

    static final String FILE = "template.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KEYS = Set.of("title", "number", "holderId", "holderName", "issuer", "validUntil",
            "fields");
    private static final Set<String> LENGTH_KEYS = Set.of("maxLength");
    private static final Set<String> FIELD_KEYS = Set.of("required", "list", "maxLength", "maxItems", "names", "catalogue");

    /**
     * One item-specific value.
     *
     * @param names display text by code, when the value is a code (a scope, a food category); else null
     */
    record Field(String name, boolean required, boolean list, int maxLength, int maxItems, Map<String, String> names) {
    }

    static TemplateSpec read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JacksonException e) {
            throw new InvalidTemplate(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        return new Reader(file).read(root);
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
            NumberScheme number = NumberScheme.of(text(root, "number"));
            if (number == null) {
                throw fault("number", "must be one of " + NumberScheme.keys());
            }
            HolderIdKind holderId = HolderIdKind.of(text(root, "holderId"));
            if (holderId == null) {
                throw fault("holderId", "must be one of " + HolderIdKind.keys());
            }
            int holderName = maxLength(root, "holderName", 60);
            int issuer = maxLength(root, "issuer", 40);
            String validUntil = text(root, "validUntil");
            if (!validUntil.equals("required") && !validUntil.equals("optional")) {
                throw fault("validUntil", "must be required or optional (absent: 长期)");
            }
            Map<String, Field> fields = new LinkedHashMap<>();
            JsonNode fieldNodes = root.path("fields");
            for (Iterator<String> names = fieldNodes.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                fields.put(name, field(name, fieldNodes.get(name)));
            }
            return new TemplateSpec(title, number, holderId, holderName, issuer, validUntil.equals("required"),
                    Collections.unmodifiableMap(fields));
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
            return new Field(name, node.path("required").asBoolean(true), list,
                    positive(node, "maxLength", 100, at), list ? positive(node, "maxItems", 20, at) : 1, names);
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
            JsonNode value = root.get(key);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                throw fault(key, "is required");
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
