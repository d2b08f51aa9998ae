package tongban.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML file read for a schema check: every value keeps its line and column, so an unknown key, a
 * duplicate key or a value of the wrong kind is reported where it stands ({@code line:column: message}).
 * Jackson's tree keeps no positions and silently accepts what a typo makes of a flow map (an unquoted
 * comma in {@code { en: A, B }} is a second key {@code B}); the packs' files are read through this instead.
 */
public final class StrictYaml {

    /** A problem at a 1-based line and column of the file. */
    public record Problem(int line, int column, String message) {
    }

    private final List<Problem> problems;

    private StrictYaml(List<Problem> problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when the text is not YAML or is empty (a problem is added). */
    public static Optional<Value> parse(String text, List<Problem> problems) {
        StrictYaml yaml = new StrictYaml(problems);
        try {
            Optional<Node> root = new Compose(LoadSettings.builder().setAllowDuplicateKeys(true).build())
                    .composeString(text);
            if (root.isEmpty()) {
                problems.add(new Problem(1, 1, "the file is empty"));
                return Optional.empty();
            }
            return Optional.of(yaml.new Value(root.get(), ""));
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            problems.add(new Problem(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem()));
        } catch (YamlEngineException e) {
            problems.add(new Problem(1, 1, "not valid YAML: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** One value of the document with its position; {@code what} names it in messages (e.g. {@code fee.amount}). */
    public final class Value {
        private final Node node;
        private final String what;

        private Value(Node node, String what) {
            this.node = node;
            this.what = what;
        }

        public int line() {
            return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        }

        public int column() {
            return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
        }

        /** The value's path, such as {@code materials[2].name}; {@code the file} for the document itself. */
        public String what() {
            return what.isEmpty() ? "the file" : what;
        }

        public void problem(String message) {
            problems.add(new Problem(line(), column(), message));
        }

        public boolean isNull() {
            return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
        }

        public boolean isMap() {
            return node instanceof MappingNode;
        }

        public boolean isList() {
            return node instanceof SequenceNode;
        }

        /**
         * The entries of a map, in order. A key outside {@code allowed}, a duplicate key or a missing
         * {@code required} key is a problem; null when this is not a map.
         */
        public Map<String, Value> map(Set<String> allowed, Set<String> required) {
            if (!(node instanceof MappingNode mapping)) {
                problem(what() + " must be a map" + (allowed.isEmpty() ? "" : " of " + String.join(", ", allowed)));
                return null;
            }
            Map<String, Value> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Value key = new Value(tuple.getKeyNode(), what() + " key");
                String name = key.scalar();
                if (name == null) {
                    key.problem(what() + ": a key must be a plain word");
                    continue;
                }
                Value value = new Value(tuple.getValueNode(), prefixed(name));
                if (entries.containsKey(name)) {
                    key.problem(what() + ": key '" + name + "' is given twice");
                } else if (!allowed.isEmpty() && !allowed.contains(name)) {
                    String hint = mapping.getFlowStyle() == FlowStyle.FLOW && value.isNull()
                            ? " (an unquoted comma inside { } starts a new key: quote the value before it)" : "";
                    key.problem(what() + ": unknown key '" + name + "'; known: " + String.join(", ", new TreeSet<>(allowed))
                            + hint);
                } else {
                    entries.put(name, value);
                }
            }
            for (String key : required) {
                if (!entries.containsKey(key)) {
                    problem(what() + " needs '" + key + "'");
                }
            }
            return entries;
        }

        /** The entries of a map whose keys are names chosen by the author (fields, materials by code…). */
        public Map<String, Value> entries() {
            return map(Set.of(), Set.of());
        }

        /** The items of a list, or an empty list and a problem when this is not a list. */
        public List<Value> list() {
            if (!(node instanceof SequenceNode sequence)) {
                problem(what() + " must be a list, such as [a, b]");
                return List.of();
            }
            List<Value> items = new ArrayList<>();
            List<Node> nodes = sequence.getValue();
            for (int i = 0; i < nodes.size(); i++) {
                items.add(new Value(nodes.get(i), what + "[" + i + "]"));
            }
            return items;
        }

        /** A scalar as text (a number or a word alike), or null with a problem when absent, null or not a scalar. */
        public String text() {
            String value = scalar();
            if (value == null || value.isBlank()) {
                problem(what() + " must be a non-empty text");
                return null;
            }
            return value;
        }

        /** A scalar that must be one of {@code allowed}. */
        public String oneOf(Set<String> allowed) {
            String value = text();
            if (value != null && !allowed.contains(value)) {
                problem(what() + " is one of " + String.join(", ", new TreeSet<>(allowed)) + ", not '" + value + "'");
                return null;
            }
            return value;
        }

        /** A list of non-empty texts. */
        public List<String> texts() {
            List<String> texts = new ArrayList<>();
            for (Value item : list()) {
                String text = item.text();
                if (text != null) {
                    texts.add(text);
                }
            }
            return texts;
        }

        /** A whole number of at least {@code min}, or null with a problem. */
        public Integer integer(int min) {
            if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
                problem(what() + " must be a whole number");
                return null;
            }
            try {
                int value = Integer.parseInt(s.getValue());
                if (value < min) {
                    problem(what() + " must be " + min + " or more");
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                problem(what() + " must be a whole number");
                return null;
            }
        }

        /** A number (whole or decimal), or null with a problem. */
        public BigDecimal number() {
            if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                try {
                    return new BigDecimal(s.getValue());
                } catch (NumberFormatException e) {
                    // falls through to the problem
                }
            }
            problem(what() + " must be a number");
            return null;
        }

        /** true or false, or null with a problem. */
        public Boolean bool() {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
            }
            problem(what() + " must be true or false");
            return null;
        }

        private String scalar() {
            return node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? s.getValue() : null;
        }

        private String prefixed(String key) {
            return what.isEmpty() ? key : what + "." + key;
        }
    }
}
