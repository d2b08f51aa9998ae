package tongban.rules.vocabulary;

import java.util.List;
import java.util.Map;

/**
 * Named, item-specific values (declared in the pack's {@code item.yaml} and checked before the rules
 * run), read in DRL as {@code Form( flag("agent") )} or {@code Records( number("socialInsuranceMonthsLast12") < 6 )}.
 * An absent value reads as false, 0, "" or an empty list; {@code has(name)} tells whether it was given.
 */
public interface Fields {

    Map<String, Object> values();

    default boolean has(String name) {
        return values().get(name) != null;
    }

    default boolean flag(String name) {
        return Boolean.TRUE.equals(values().get(name));
    }

    default String text(String name) {
        Object value = values().get(name);
        return value == null ? "" : value.toString();
    }

    default long number(String name) {
        Object value = values().get(name);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    default double decimal(String name) {
        Object value = values().get(name);
        return value instanceof Number n ? n.doubleValue() : 0.0;
    }

    @SuppressWarnings("unchecked")
    default List<String> list(String name) {
        Object value = values().get(name);
        return value instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** Whether the list {@code name} holds {@code value}. */
    default boolean includes(String name, String value) {
        return list(name).contains(value);
    }

    /** Whether the list {@code name} is not empty and holds nothing but some of the given values. */
    default boolean onlyFrom(String name, String... values) {
        List<String> list = list(name);
        return !list.isEmpty() && List.of(values).containsAll(list);
    }

    /** Whether the list {@code name} holds exactly the given values, in any order. */
    default boolean includesOnly(String name, String... values) {
        List<String> list = list(name);
        return !list.isEmpty() && List.of(values).containsAll(list) && list.containsAll(List.of(values));
    }
}
