package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/**
 * A promised time limit (承诺时限) shorter than the item's usual one: {@code @days}, counted in the item's
 * kind of day (item.yaml {@code timeLimit.kind}); 0 is on the spot.
 */
public record TimeLimit(int days, String rule) {

    public static TimeLimit of(Rule rule) {
        return new TimeLimit(Integer.parseInt(Metadata.required(rule, "days")), rule.getName());
    }
}
