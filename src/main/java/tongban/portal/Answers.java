package tongban.portal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tongban.rules.FieldSpec;
import tongban.rules.ServiceItem;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An application's answers as the applicant typed or chose them on the page ({@code fields}: each form field's raw
 * values), and the options: a commitment (告知承诺), the delivery and, for delivery POST, the postal address (邮寄地址:
 * {@code recipient}, {@code phone}, {@code address}). They are kept as typed, so a page with errors shows every entry
 * again; {@link #form} turns them into the evaluate body's {@code form}.
 */
record Answers(Map<String, List<String>> fields, boolean commitment, String delivery, Map<String, String> postal) {

    static final List<String> DELIVERIES = List.of("ONLINE", "POST", "PICKUP");
    static final Answers EMPTY = new Answers(Map.of(), false, "ONLINE");
    /** The parts of the postal address, as the application's {@code postal} names them. */
    static final List<String> POSTAL_PARTS = List.of("recipient", "phone", "address");
    /** Parameter names of the form's fields: prefixed, so that no field can take the name of the page's own. */
    static final String PREFIX = "f.";

    Answers {
        fields = Map.copyOf(fields);
        delivery = DELIVERIES.contains(delivery) ? delivery : "ONLINE";
        postal = postal == null ? Map.of() : Map.copyOf(postal);
    }

    Answers(Map<String, List<String>> fields, boolean commitment, String delivery) {
        this(fields, commitment, delivery, Map.of());
    }

    /** From the posted parameters; a long list's typed entry ({@code f.name.add}) joins the list's chosen values. */
    static Answers of(ServiceItem item, Map<String, String[]> parameters) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (FieldSpec spec : item.form().values()) {
            List<String> values = new ArrayList<>();
            for (String suffix : List.of("", ".add")) {
                String[] given = parameters.get(PREFIX + spec.name() + suffix);
                if (given != null) {
                    for (String v : given) {
                        if (!v.isBlank() && !values.contains(v.strip())) {
                            values.add(v.strip());
                        }
                    }
                }
            }
            fields.put(spec.name(), values);
        }
        String[] delivery = parameters.get("delivery");
        String[] commitment = parameters.get("commitment");
        Map<String, String> postal = new LinkedHashMap<>();
        for (String part : POSTAL_PARTS) {
            String[] given = parameters.get("postal." + part);
            if (given != null && !given[0].isBlank()) {
                postal.put(part, given[0].strip());
            }
        }
        return new Answers(fields, commitment != null && List.of(commitment).contains("true"),
                delivery == null ? "ONLINE" : delivery[0], postal);
    }

    /** One part of the postal address as typed; empty when not. */
    String postal(String part) {
        return postal.getOrDefault(part, "");
    }

    /**
     * The application's {@code postal} when the delivery is POST (null otherwise: an address is neither asked for nor
     * sent for ONLINE or PICKUP).
     */
    ObjectNode postalJson() {
        if (!delivery.equals("POST")) {
            return null;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        POSTAL_PARTS.forEach(part -> json.put(part, postal(part)));
        return json;
    }

    List<String> values(String field) {
        return fields.getOrDefault(field, List.of());
    }

    String value(String field) {
        List<String> values = values(field);
        return values.isEmpty() ? "" : values.get(0);
    }

    /** What is wrong with one answer: a message key of the pages and its arguments after the field's label. */
    record Problem(String field, String key, List<String> arguments) {
    }

    /** The evaluate body's {@code form} and the problems of the answers that cannot go into it. */
    record Form(ObjectNode json, List<Problem> problems) {
    }

    /**
     * The form as the rules read it. An unanswered field is left out (so a required one is a problem only when
     * {@code complete} is asked for: the live checklist decides on what is answered so far).
     */
    Form form(ServiceItem item, boolean complete) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        List<Problem> problems = new ArrayList<>();
        for (FieldSpec spec : item.form().values()) {
            List<String> values = values(spec.name());
            if (values.isEmpty()) {
                if (spec.required() && complete && spec.type() != FieldSpec.Type.FLAG) {
                    boolean choosing = spec.type() == FieldSpec.Type.CHOICE || spec.type() == FieldSpec.Type.LIST;
                    problems.add(new Problem(spec.name(), choosing ? "portal.error.choose" : "portal.error.enter", List.of()));
                }
                continue;
            }
            String value = values.get(0);
            switch (spec.type()) {
                case TEXT, CERTIFICATE -> {
                    int length = value.codePointCount(0, value.length());
                    if (length > spec.maxLength()) {
                        problems.add(new Problem(spec.name(), "portal.error.tooLong", List.of(String.valueOf(spec.maxLength()))));
                    } else {
                        json.put(spec.name(), value);
                    }
                }
                case FLAG -> json.put(spec.name(), value.equals("true"));
                case INTEGER, DECIMAL -> {
                    try {
                        BigDecimal number = new BigDecimal(value.replace(',', '.'));
                        if (spec.type() == FieldSpec.Type.INTEGER && number.stripTrailingZeros().scale() > 0) {
                            problems.add(new Problem(spec.name(), "portal.error.wholeNumber", List.of()));
                        } else if (spec.type() == FieldSpec.Type.INTEGER) {
                            json.put(spec.name(), number.longValueExact());
                        } else {
                            json.put(spec.name(), number);
                        }
                    } catch (NumberFormatException | ArithmeticException e) {
                        problems.add(new Problem(spec.name(), spec.type() == FieldSpec.Type.INTEGER
                                ? "portal.error.wholeNumber" : "portal.error.number", List.of()));
                    }
                }
                case CHOICE -> code(spec, value).ifPresentOrElse(code -> json.put(spec.name(), code),
                        () -> problems.add(new Problem(spec.name(), "portal.error.notInList", List.of(value))));
                case LIST -> {
                    ArrayNode list = json.putArray(spec.name());
                    for (String v : values) {
                        code(spec, v).ifPresentOrElse(list::add,
                                () -> problems.add(new Problem(spec.name(), "portal.error.notInList", List.of(v))));
                    }
                }
                default -> throw new IllegalStateException(spec.type().name());
            }
        }
        return new Form(json, problems);
    }

    /** The options part of the evaluate body. */
    ObjectNode options() {
        return JsonNodeFactory.instance.objectNode().put("commitment", commitment).put("delivery", delivery);
    }

    /** A chosen or typed value as a code: the code itself, or a choice's label in either language. */
    static Optional<String> code(FieldSpec spec, String value) {
        String wanted = value.strip();
        return spec.choices().stream().filter(c -> c.code().equals(wanted) || c.label() != null
                        && (wanted.equals(c.label().zh()) || wanted.toLowerCase(Locale.ROOT)
                        .equals(c.label().en() == null ? null : c.label().en().toLowerCase(Locale.ROOT))))
                .map(FieldSpec.Choice::code).findFirst();
    }
}
