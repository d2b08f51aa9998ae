package tongban.rules.vocabulary;

import org.kie.api.definition.rule.Rule;

/**
 * A step the applicant takes in person (跑动): {@code @code}, {@code @zh}, {@code @en}, and {@code @stage}:
 * BEFORE_DECISION (a check the decision waits for) or AFTER_DECISION (collecting the result). With
 * {@code @joins("OTHER_STEP")} it is taken on the trip of that step and costs no trip of its own.
 */
public record Visit(String code, String joins, Stage stage, String rule, Text message) {

    /** When the step happens, relative to the decision. */
    public enum Stage { BEFORE_DECISION, AFTER_DECISION }

    public static Visit of(Rule rule) {
        return new Visit(Metadata.required(rule, "code"), Metadata.of(rule, "joins"),
                Stage.valueOf(Metadata.required(rule, "stage")), rule.getName(), Metadata.text(rule));
    }

    /** Whether this step is a trip of its own. */
    public boolean ownTrip() {
        return joins == null;
    }
}
