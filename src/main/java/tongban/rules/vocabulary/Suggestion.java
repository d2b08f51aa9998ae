package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/** Advice that would spare the applicant a trip or a material: {@code @code}, {@code @zh}, {@code @en}. */
public record Suggestion(String code, String rule, Text message) {

    public static Suggestion of(Rule rule) {
        return new Suggestion(Metadata.required(rule, "code"), rule.getName(), Metadata.text(rule));
    }
}
