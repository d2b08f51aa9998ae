package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/**
 * A material satisfied by data the platform already holds (数据跑): a certificate or a shared record.
 * Named by the rule's {@code @material}.
 */
public record Reuse(String material, String rule) {

    public static Reuse of(Rule rule) {
        return new Reuse(Metadata.required(rule, "material"), rule.getName());
    }
}
