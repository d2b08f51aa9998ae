package tongban.rules.vocabulary;

import java.time.LocalDate;
import java.util.Map;

/**
 * The pack's dated parameters (参数) as they stood on the decision's {@code asOf}, from its {@code parameters.yaml}:
 * thresholds such as a minimum age, named in DRL instead of written as numbers, e.g.
 * {@code $p : Parameters()} then {@code Applicant( age < $p.value("minimumAge") )}. The build checks every name.
 */
public record Parameters(LocalDate asOf, Map<String, Long> values) {

    public Parameters {
        values = Map.copyOf(values);
    }

    /** The value in force on {@code asOf}; a parameter without one then is a pack error, never a silent 0. */
    public long value(String name) {
        Long value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value on " + asOf);
        }
        return value;
    }
}
