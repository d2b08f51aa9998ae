package tongban.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import tongban.identity.CreditCode;
import tongban.identity.ResidentIdNumber;
import tongban.platform.ApiProblem;
import tongban.rules.vocabulary.Applicant;
import tongban.rules.vocabulary.ApplicantKind;
import tongban.rules.vocabulary.Delivery;
import tongban.rules.vocabulary.ECertificate;
import tongban.rules.vocabulary.Form;
import tongban.rules.vocabulary.Options;
import tongban.rules.vocabulary.Records;
import tongban.rules.vocabulary.Upload;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON facts of spec/items.md into {@link Facts}, strictly: an unknown field, a wrong type, a
 * bad check digit or an unknown code is an {@code INVALID_FACTS} problem naming the field's JSON path.
 */
public final class FactsReader {

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");
    private static final Pattern DIVISION = Pattern.compile("\\d{6}");
    private static final Pattern CERTIFICATE_NUMBER = Pattern.compile("[0-9A-Za-z-]{1,"
            + FieldSpec.CERTIFICATE_NUMBER_LENGTH + "}");
    private static final Set<String> CERTIFICATE_STATUSES = Set.of("VALID", "REVOKED", "EXPIRED");

    private FactsReader() {
    }

    /** The facts' {@code asOf}, checked as {@link #read} checks it: the day that chooses the pack version in force. */
    static LocalDate asOf(JsonNode facts) {
        return date(required(object(facts, "$"), "$", "asOf"), "$.asOf");
    }

    /** The facts, checked; {@code printable} says which characters the documents can print (see {@link FieldText}). */
    public static Facts read(ServiceItem item, JsonNode facts, IntPredicate printable) {
        JsonNode root = object(facts, "$");
        only(root, "$", "asOf", "applicant", "form", "materials", "certificates", "records", "options");
        LocalDate asOf = date(required(root, "$", "asOf"), "$.asOf");
        Applicant applicant = applicant(required(root, "$", "applicant"), asOf);
        Form form = new Form(fields(item.form(), root.path("form"), "$.form", printable));
        Records records = new Records(fields(item.records(), root.path("records"), "$.records", printable));
        List<Upload> uploads = uploads(item, root.path("materials"));
        // a certificate the form does not name, where it names one of that type, is no fact of this application
        List<ECertificate> certificates = item.named(root.path("form"),
                certificates(root.path("certificates"), applicant, asOf), ECertificate::type, ECertificate::number);
        Options options = options(root.path("options"));
        return new Facts(asOf, applicant, form, records, options, uploads, certificates);
    }

    private static Applicant applicant(JsonNode node, LocalDate asOf) {
        String at = "$.applicant";
        object(node, at);
        only(node, at, "kind", "idNumber", "name", "hukouRegion", "identityVerified", "publicServant",
                "ownLabourIncome", "uscc");
        ApplicantKind kind = enumValue(ApplicantKind.class, required(node, at, "kind"), at + ".kind");
        String name = text(required(node, at, "name"), at + ".name");
        ResidentIdNumber id = null;
        if (kind == ApplicantKind.PERSON || present(node, "idNumber")) {
            id = parse(() -> ResidentIdNumber.parse(text(required(node, at, "idNumber"), at + ".idNumber")), at + ".idNumber");
            if (id.birthDate().isAfter(asOf)) {
                throw ApiProblem.invalidFacts(at + ".idNumber", "the birth date in the ID number is after asOf");
            }
        }
        String uscc = null;
        if (kind == ApplicantKind.ORGANISATION || present(node, "uscc")) {
            uscc = parse(() -> CreditCode.parse(text(required(node, at, "uscc"), at + ".uscc")), at + ".uscc").value();
        }
        String hukou = present(node, "hukouRegion") ? text(node.get("hukouRegion"), at + ".hukouRegion") : "";
        if (!hukou.isEmpty() && !DIVISION.matcher(hukou).matches()) {
            throw ApiProblem.invalidFacts(at + ".hukouRegion", "must be a 6-digit administrative division code");
        }
        return new Applicant(kind, id == null ? null : id.value(), name, hukou,
                flag(node, at, "identityVerified"), flag(node, at, "publicServant"), flag(node, at, "ownLabourIncome"),
                uscc, id == null ? 0 : id.ageOn(asOf));
    }

    private static Map<String, Object> fields(Map<String, FieldSpec> specs, JsonNode node, String at,
                                              IntPredicate printable) {
        if (node.isMissingNode() || node.isNull()) {
            node = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        object(node, at);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            if (!specs.containsKey(name)) {
                throw ApiProblem.invalidFacts(at + "." + name, "unknown field '" + name + "'; allowed: "
                        + String.join(", ", specs.keySet()));
            }
        }
        for (FieldSpec spec : specs.values()) {
            String path = at + "." + spec.name();
            JsonNode value = node.path(spec.name());
            if (value.isMissingNode() || value.isNull()) {
                if (spec.required()) {
                    throw ApiProblem.invalidFacts(path, "is required");
                }
                continue;
            }
            values.put(spec.name(), value(spec, value, path, printable));
        }
        return values;
    }

    private static Object value(FieldSpec spec, JsonNode value, String path, IntPredicate printable) {
        switch (spec.type()) {
            case TEXT -> {
                String text = text(value, path);
                if (spec.required() && text.isBlank()) {
                    throw ApiProblem.invalidFacts(path, "must not be blank");
                }
                String problem = FieldText.problem(text, spec.maxLength(), printable);
                if (problem != null) {
                    throw ApiProblem.invalidFacts(path, problem);
                }
                return text;
            }
            case CERTIFICATE -> {
                String number = text(value, path);
                if (!CERTIFICATE_NUMBER.matcher(number).matches()) {
                    throw ApiProblem.invalidFacts(path, "must be the number of a certificate of type " + spec.of()
                            + ": up to " + spec.maxLength() + " letters and digits");
                }
                return number;
            }
            case FLAG -> {
                if (!value.isBoolean()) {
                    throw ApiProblem.invalidFacts(path, "must be true or false");
                }
                return value.booleanValue();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw ApiProblem.invalidFacts(path, "must be a whole number");
                }
                checkRange(spec, value.decimalValue(), path);
                return value.longValue();
            }
            case DECIMAL -> {
                if (!value.isNumber()) {
                    throw ApiProblem.invalidFacts(path, "must be a number");
                }
                checkRange(spec, value.decimalValue(), path);
                return value.doubleValue();
            }
            case CHOICE -> {
                String choice = text(value, path);
                if (!spec.allows(choice)) {
                    throw ApiProblem.invalidFacts(path, "'" + choice + "' is not one of " + codes(spec));
                }
                return choice;
            }
            case LIST -> {
                if (!value.isArray()) {
                    throw ApiProblem.invalidFacts(path, "must be a list of " + codes(spec));
                }
                if (spec.required() && value.isEmpty()) {
                    throw ApiProblem.invalidFacts(path, "must not be empty");
                }
                List<String> list = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    String entry = text(value.get(i), path + "[" + i + "]");
                    if (!spec.allows(entry)) {
                        throw ApiProblem.invalidFacts(path + "[" + i + "]", "'" + entry + "' is not one of " + codes(spec));
                    }
                    if (!list.contains(entry)) {
                        list.add(entry);
                    }
                }
                return List.copyOf(list);
            }
            default -> throw new IllegalStateException(spec.type().name());
        }
    }

    private static void checkRange(FieldSpec spec, BigDecimal number, String path) {
        if (spec.min() != null && number.compareTo(spec.min()) < 0) {
            throw ApiProblem.invalidFacts(path, "must be at least " + spec.min().toPlainString());
        }
        if (spec.greaterThan() != null && number.compareTo(spec.greaterThan()) <= 0) {
            throw ApiProblem.invalidFacts(path, "must be greater than " + spec.greaterThan().toPlainString());
        }
    }

    private static List<Upload> uploads(ServiceItem item, JsonNode node) {
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < array(node, "$.materials").size(); i++) {
            String at = "$.materials[" + i + "]";
            JsonNode m = object(node.get(i), at);
            only(m, at, "code", "mediaType", "rejected");
            String code = text(required(m, at, "code"), at + ".code");
            if (item.material(code).isEmpty()) {
                throw ApiProblem.invalidFacts(at + ".code", "unknown material '" + code + "' for " + item.code());
            }
            String type = text(required(m, at, "mediaType"), at + ".mediaType").toLowerCase(java.util.Locale.ROOT);
            if (!MEDIA_TYPE.matcher(type).matches()) {
                throw ApiProblem.invalidFacts(at + ".mediaType", "must be a media type such as application/pdf");
            }
            uploads.add(new Upload(code, type, flag(m, at, "rejected")));
        }
        return uploads;
    }

    private static List<ECertificate> certificates(JsonNode node, Applicant applicant, LocalDate asOf) {
        List<ECertificate> certificates = new ArrayList<>();
        for (int i = 0; i < array(node, "$.certificates").size(); i++) {
            String at = "$.certificates[" + i + "]";
            JsonNode c = object(node.get(i), at);
            only(c, at, "type", "number", "holderId", "status", "validUntil");
            String type = text(required(c, at, "type"), at + ".type");
            String number = text(required(c, at, "number"), at + ".number");
            String holder = text(required(c, at, "holderId"), at + ".holderId");
            String status = text(required(c, at, "status"), at + ".status");
            if (!CERTIFICATE_STATUSES.contains(status)) {
                throw ApiProblem.invalidFacts(at + ".status", "must be VALID, REVOKED or EXPIRED");
            }
            LocalDate validUntil = present(c, "validUntil") ? date(c.get("validUntil"), at + ".validUntil") : null;
            boolean valid = status.equals("VALID") && (validUntil == null || !validUntil.isBefore(asOf));
            boolean ofApplicant = holder.equals(applicant.isPerson() ? applicant.idNumber() : applicant.uscc());
            certificates.add(new ECertificate(type, number, holder, status, validUntil, valid, ofApplicant));
        }
        return certificates;
    }

    private static Options options(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return new Options(false, Delivery.ONLINE);
        }
        object(node, "$.options");
        only(node, "$.options", "commitment", "delivery");
        Delivery delivery = present(node, "delivery")
                ? enumValue(Delivery.class, node.get("delivery"), "$.options.delivery") : Delivery.ONLINE;
        return new Options(flag(node, "$.options", "commitment"), delivery);
    }

    private static JsonNode object(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw ApiProblem.invalidFacts(at, "must be a JSON object");
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String at) {
        if (node.isMissingNode() || node.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw ApiProblem.invalidFacts(at, "must be a JSON array");
        }
        return node;
    }

    private static void only(JsonNode node, String at, String... allowed) {
        Set<String> names = Set.of(allowed);
        for (String name : node.propertyNames()) {
            if (!names.contains(name)) {
                throw ApiProblem.invalidFacts(at + "." + name, "unknown field '" + name + "'");
            }
        }
    }

    private static boolean present(JsonNode node, String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    private static JsonNode required(JsonNode node, String at, String name) {
        if (!present(node, name)) {
            throw ApiProblem.invalidFacts(at + "." + name, "is required");
        }
        return node.get(name);
    }

    private static String text(JsonNode node, String at) {
        if (!node.isString()) {
            throw ApiProblem.invalidFacts(at, "must be a string");
        }
        return node.stringValue();
    }

    private static boolean flag(JsonNode node, String at, String name) {
        if (!present(node, name)) {
            return false;
        }
        if (!node.get(name).isBoolean()) {
            throw ApiProblem.invalidFacts(at + "." + name, "must be true or false");
        }
        return node.get(name).booleanValue();
    }

    private static LocalDate date(JsonNode node, String at) {
        try {
            return LocalDate.parse(text(node, at));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidFacts(at, "must be a date such as 2026-11-27");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String at) {
        String value = text(node, at);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw ApiProblem.invalidFacts(at, "'" + value + "' is not one of "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
    }

    private static <T> T parse(java.util.function.Supplier<T> parser, String at) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidFacts(at, e.getMessage());
        }
    }

    private static String codes(FieldSpec spec) {
        return String.join(", ", spec.choices().stream().map(FieldSpec.Choice::code).toList());
    }
}
