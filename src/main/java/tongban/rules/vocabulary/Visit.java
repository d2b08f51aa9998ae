package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/**
 * A step the applicant takes in person (跑动): {@code @code}, {@code @zh}, {@code @en}; with
 * {@code @joins("OTHER_STEP")} it is taken on the trip of that step and costs no trip of its own.
 */
public record Visit(String code, String joins, String rule, Text message) {

    public static Visit of(Rule rule) {
        return new Visit(Metadata.required(rule, "code"), Metadata.of(rule, "joins"), rule.getName(),
                Metadata.text(rule));
    }

    /** Whether this step is a trip of its own. */
    public boolean ownTrip() {
        return joins == null;
    }
}
