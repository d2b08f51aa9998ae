package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/**
 * Reads a rule's metadata. Drools 10 rejects unquoted CJK values and returns quoted ones with their
 * quotes, so every value is written quoted and unquoted here, once.
 */
public final class Metadata {

    private Metadata() {
    }

    /** The value of {@code @key}, or null when the rule has none. */
    public static String of(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        return value == null ? null : unquote(value.toString());
    }

    static String required(Rule rule, String key) {
        String value = of(rule, key);
        if (value == null) {
            // the pack compiler checks metadata before a pack serves, so this is a defect, not input
            throw new IllegalStateException("rule '" + rule.getName() + "' has no @" + key);
        }
        return value;
    }

    static Text text(Rule rule) {
        return new Text(required(rule, "zh"), required(rule, "en"));
    }

    public static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }
}
