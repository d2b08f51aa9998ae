package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/** A material (材料) this application must have, named by the rule's {@code @material}. */
public record Requirement(String material, String rule) {

    public static Requirement of(Rule rule) {
        return new Requirement(Metadata.required(rule, "material"), rule.getName());
    }
}
