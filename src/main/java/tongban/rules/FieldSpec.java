package tongban.rules;

import java.math.BigDecimal;
import java.util.List;
import tongban.rules.vocabulary.Text;

/**
 * A form or record field declared in {@code item.yaml}. {@code choices} holds the allowed values of a
 * {@code choice} or {@code list} field (from {@code values} or a catalogue file such as {@code scopes.csv});
 * a number may have an inclusive {@code min} or an exclusive {@code greaterThan}; a text has a
 * {@code maxLength} in characters (declared, or {@link #DEFAULT_MAX_LENGTH}) and holds only what
 * {@link FieldText} allows. A {@code certificate} field names, by its number, which of the applicant's
 * certificates of the type {@code of} the application rests on (a person may run two businesses): only that one is a
 * fact, and only that one fills the document ({@link ServiceItem#named}).
 */
public record FieldSpec(String name, Type type, boolean required, List<Choice> choices, BigDecimal min,
                        BigDecimal greaterThan, Text label, Integer maxLength, String of) {

    /** The length of a text field that declares none: a text longer than this fits on no document. */
    public static final int DEFAULT_MAX_LENGTH = 100;
    /** The longest certificate number a {@code certificate} field takes. */
    public static final int CERTIFICATE_NUMBER_LENGTH = 40;

    public enum Type { TEXT, FLAG, INTEGER, DECIMAL, CHOICE, LIST, CERTIFICATE }

    /** A field of any type but {@code certificate}. */
    public FieldSpec(String name, Type type, boolean required, List<Choice> choices, BigDecimal min,
                     BigDecimal greaterThan, Text label, Integer maxLength) {
        this(name, type, required, choices, min, greaterThan, label, maxLength, null);
    }

    /** An allowed value with its label, if the catalogue gives one. */
    public record Choice(String code, Text label) {
    }

    public boolean allows(String value) {
        return choices.stream().anyMatch(c -> c.code().equals(value));
    }
}
