package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/** A promised time limit (承诺时限) that replaces the item's usual one: {@code @workingDays}. */
public record TimeLimit(int workingDays, String rule) {

    public static TimeLimit of(Rule rule) {
        return new TimeLimit(Integer.parseInt(Metadata.required(rule, "workingDays")), rule.getName());
    }
}
