package tongban.rules;

import java.time.LocalDate;
import java.util.List;
import tongban.rules.vocabulary.Effect;
import tongban.rules.vocabulary.Text;
import tongban.rules.vocabulary.Visit;

/**
 * The decision on one application (审查结论): every reason that holds, every required material with its
 * status, the trips in person, fee and time limit, and the rules that fired (spec/items.md).
 */
public record Decision(
        String item,
        String packVersion,
        LocalDate asOf,
        Outcome outcome,
        List<DecisionReason> reasons,
        List<MaterialCheck> materials,
        Visits visits,
        boolean atMostOnce,
        Money fee,
        TimeLimit timeLimit,
        Integer timeLimitWorkingDays,
        List<TraceEntry> trace) {

    /**
     * The decision with {@code timeLimitWorkingDays} kept for one more version of the contract: the promised
     * days when they are working days, else null (spec/items.md, corrections).
     */
    public Decision(String item, String packVersion, LocalDate asOf, Outcome outcome, List<DecisionReason> reasons,
                    List<MaterialCheck> materials, Visits visits, boolean atMostOnce, Money fee, TimeLimit timeLimit,
                    List<TraceEntry> trace) {
        this(item, packVersion, asOf, outcome, reasons, materials, visits, atMostOnce, fee, timeLimit,
                timeLimit.kind() == DayKind.WORKING ? timeLimit.days() : null, trace);
    }

    public enum Outcome { ACCEPTABLE, INCOMPLETE, INELIGIBLE, NOT_APPLICABLE }

    /** Working days (工作日) or calendar days (日, 自然日): the law says which. */
    public enum DayKind { WORKING, CALENDAR }

    /**
     * The promised time (承诺时限) from acceptance to decision and, where the law gives one, the statutory
     * maximum (法定时限); 0 days means decided on the spot (当场).
     */
    public record TimeLimit(int days, DayKind kind, Days legalMaximum) {
    }

    /** A number of days of a kind. */
    public record Days(int days, DayKind kind) {
    }

    public enum MaterialStatus { PROVIDED, REUSED, COMMITTED, MISSING, REJECTED }

    public record DecisionReason(String code, Effect effect, String rule, String basis, Text message) {
    }

    public record MaterialCheck(String code, MaterialStatus status, Text name) {
    }

    /** Trips to an office (跑动): {@code count} trips, each step with the trip it is taken on. */
    public record Visits(int count, List<Step> steps, List<Advice> suggestions) {
    }

    /** A step in person, the trip it is taken on, and whether the decision waits for it. */
    public record Step(String code, int trip, Visit.Stage stage, Text message) {

        public boolean beforeDecision() {
            return stage == Visit.Stage.BEFORE_DECISION;
        }
    }

    public record Advice(String code, Text message) {
    }

    public record TraceEntry(String rule, String file, String basis) {
    }
}
