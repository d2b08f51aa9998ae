package tongban.portal;

import java.util.List;
import tongban.acceptance.HeldCertificates;
import tongban.rules.FieldSpec;
import tongban.web.Lang;

/**
 * A form field of {@code item.yaml} as the page draws it. A choice of a few values is radio buttons, of more a
 * {@code <select>}, of very many a text input with a {@code <datalist>} (type to search, a label or a code); a list
 * is checkboxes, and a very long one its chosen values as checkboxes plus such an input to add one. A certificate
 * field is a choice of the applicant's certificates of its type.
 */
record FieldView(String name, String param, String id, String label, Kind kind, boolean required, Integer maxLength,
                 List<Option> options, String value, String error) {

    static final int RADIOS_UP_TO = 6;
    static final int SELECT_UP_TO = 40;
    static final int CHECKBOXES_UP_TO = 12;

    enum Kind { TEXT, NUMBER, FLAG, RADIOS, SELECT, SEARCH, CHECKBOXES, SEARCH_LIST }

    record Option(String code, String label, boolean selected) {
    }

    static Kind kindOf(FieldSpec spec) {
        int choices = spec.choices().size();
        return switch (spec.type()) {
            case TEXT, CERTIFICATE -> Kind.TEXT;
            case INTEGER, DECIMAL -> Kind.NUMBER;
            case FLAG -> Kind.FLAG;
            case CHOICE -> choices <= RADIOS_UP_TO ? Kind.RADIOS : choices <= SELECT_UP_TO ? Kind.SELECT : Kind.SEARCH;
            case LIST -> choices <= CHECKBOXES_UP_TO ? Kind.CHECKBOXES : Kind.SEARCH_LIST;
        };
    }

    static FieldView of(FieldSpec spec, Answers answers, String error, Lang lang) {
        return of(spec, answers, error, lang, List.of());
    }

    /**
     * With {@code held}, the applicant's valid certificates a {@code certificate} field may name: they are offered as
     * choices, by name and number; when none is held the number is typed (and the rules then say a licence is needed).
     */
    static FieldView of(FieldSpec spec, Answers answers, String error, Lang lang, List<HeldCertificates.Choice> held) {
        if (spec.type() == FieldSpec.Type.CERTIFICATE && !held.isEmpty()) {
            String value = answers.value(spec.name());
            List<Option> options = held.stream().map(h -> new Option(h.number(),
                    h.name() == null ? h.number() : h.name() + " · " + h.number(), h.number().equals(value))).toList();
            return new FieldView(spec.name(), Answers.PREFIX + spec.name(), "f-" + spec.name(),
                    PageTexts.of(spec.label(), lang), held.size() <= RADIOS_UP_TO ? Kind.RADIOS : Kind.SELECT,
                    spec.required(), spec.maxLength(), options, value, error);
        }
        Kind kind = kindOf(spec);
        List<String> chosen = answers.values(spec.name());
        List<String> codes = chosen.stream().map(v -> Answers.code(spec, v).orElse(null)).toList();
        List<Option> options = spec.choices().stream()
                .map(c -> new Option(c.code(), c.label() == null ? c.code() : PageTexts.of(c.label(), lang),
                        codes.contains(c.code())))
                .toList();
        // what the applicant typed into a search that matches no value is shown again, to be corrected
        String value = switch (kind) {
            case SEARCH -> answers.value(spec.name());
            case SEARCH_LIST -> chosen.stream().filter(v -> Answers.code(spec, v).isEmpty()).findFirst().orElse("");
            default -> answers.value(spec.name());
        };
        return new FieldView(spec.name(), Answers.PREFIX + spec.name(), "f-" + spec.name(),
                PageTexts.of(spec.label(), lang), kind, spec.required(), spec.maxLength(), options, value, error);
    }

    public boolean checked() {
        return "true".equals(value);
    }

    public List<Option> selected() {
        return options.stream().filter(Option::selected).toList();
    }
}
