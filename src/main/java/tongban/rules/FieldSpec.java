package tongban.rules;

import java.math.BigDecimal;
import java.util.List;
import tongban.rules.vocabulary.Text;

/**
 * A form or record field declared in {@code item.yaml}. {@code choices} holds the allowed values of a
 * {@code choice} or {@code list} field (from {@code values} or a catalogue file such as {@code scopes.csv});
 * a number may have an inclusive {@code min} or an exclusive {@code greaterThan}; a text has a
 * {@code maxLength} in characters (declared, or {@link #DEFAULT_MAX_LENGTH}) and holds only what
 * {@link FieldText} allows.
 */
public record FieldSpec(String name, Type type, boolean required, List<Choice> choices, BigDecimal min,
                        BigDecimal greaterThan, Text label, Integer maxLength) {

    /** The length of a text field that declares none: a text longer than this fits on no document. */
    public static final int DEFAULT_MAX_LENGTH = 100;

    public enum Type { TEXT, FLAG, INTEGER, DECIMAL, CHOICE, LIST }

    /** An allowed value with its label, if the catalogue gives one. */
    public record Choice(String code, Text label) {
    }

    public boolean allows(String value) {
        return choices.stream().anyMatch(c -> c.code().equals(value));
    }
}
