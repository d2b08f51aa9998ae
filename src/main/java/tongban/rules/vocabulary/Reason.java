package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/** A reason found by a rule: {@code @code}, {@code @basis}, {@code @zh}, {@code @en} and optionally {@code @effect}. */
public record Reason(String code, Effect effect, String rule, String basis, Text message) {

    public static Reason of(Rule rule) {
        String effect = Metadata.of(rule, "effect");
        return new Reason(
                Metadata.required(rule, "code"),
                effect == null ? Effect.INELIGIBLE : Effect.valueOf(effect),
                rule.getName(),
                Metadata.required(rule, "basis"),
                Metadata.text(rule));
    }
}
