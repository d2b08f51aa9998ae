package tongban.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Retention classes (保管期限) and which certificate type or service item falls in which: e.g. PERMANENT = 100 years,
 * LONG = 30, SHORT = 10. A type or item not listed gets {@code defaultClass}.
 */
public record RetentionPolicy(Map<String, Integer> yearsOfClass, Map<String, String> classOf, String defaultClass) {

    public RetentionPolicy {
        yearsOfClass = Map.copyOf(yearsOfClass);
        classOf = Map.copyOf(classOf);
        if (!yearsOfClass.containsKey(defaultClass)) {
            throw new IllegalArgumentException("the default retention class " + defaultClass + " has no years");
        }
        for (Map.Entry<String, Integer> retentionClass : yearsOfClass.entrySet()) {
            if (retentionClass.getValue() < 1) {
                throw new IllegalArgumentException("retention class " + retentionClass.getKey() + " must keep at least one year");
            }
        }
        for (Map.Entry<String, String> assigned : classOf.entrySet()) {
            if (!yearsOfClass.containsKey(assigned.getValue())) {
                throw new IllegalArgumentException(assigned.getKey() + " is in retention class " + assigned.getValue()
                        + ", which has no years");
            }
        }
    }

    /** PERMANENT 100 years, LONG 30, SHORT 10; everything LONG. */
    public static RetentionPolicy standard() {
        return new RetentionPolicy(Map.of("PERMANENT", 100, "LONG", 30, "SHORT", 10), Map.of(), "LONG");
    }

    /** The years of the shortest class: the default retention of a bucket with Object Lock, below every object's own. */
    public int shortestYears() {
        return yearsOfClass.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    public String classFor(String typeOrItem) {
        return classOf.getOrDefault(typeOrItem, defaultClass);
    }

    /** {@code from} plus the years of the class of {@code typeOrItem}, by the UTC calendar. */
    public Instant retainUntil(String typeOrItem, Instant from) {
        return from.atZone(ZoneOffset.UTC).plusYears(yearsOfClass.get(classFor(typeOrItem))).toInstant();
    }
}
