package tongban.documents;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A certificate type (证照类型) as its {@code templates/<type>/template.yaml} declares it: how its numbers are made
 * and from which sequence, how long it is valid, which department seals it, its archive retention class, and where
 * its holder and fields are taken from when it is issued. Nothing about a type is written in Java.
 */
public final class CertificateType {

    private final String type;
    private final TemplateSpec spec;

    CertificateType(String type, TemplateSpec spec) {
        this.type = type;
        this.spec = spec;
    }

    /** The holder and the fields of a certificate about to be issued, taken from its sources. */
    public record Values(String holderName, String holderId, Map<String, Object> fields) {
    }

    public String type() {
        return type;
    }

    /** Its title as template.yaml gives it, e.g. 营业执照. */
    public String title() {
        return spec.title();
    }

    /** The sequence its numbers are drawn from: the type's own unless template.yaml names another. */
    public String sequence() {
        return spec.sequence();
    }

    /** The department whose seal it bears; empty for the issuing item's department. */
    public Optional<String> sealDepartment() {
        return Optional.ofNullable(spec.seal());
    }

    /** The archive retention class (保管期限) of its certificates, e.g. PERMANENT. */
    public String retentionClass() {
        return spec.retention();
    }

    /** Its last day of validity when issued on {@code issued}; empty for 长期. */
    public Optional<LocalDate> validUntil(LocalDate issued) {
        return Optional.ofNullable(spec.validUntil(issued));
    }

    /**
     * Takes the holder and the fields from their sources, as template.yaml maps them.
     *
     * @param lookup the value of a source path ({@code form.premisesAddress}, {@code held.business-licence.number}…):
     *               a String, a List of String, or null when there is none
     */
    /**
     * What a certificate of this type is called where its holder chooses among theirs: the value of the field
     * {@code label} of {@code template.yaml} names (a business's name), else the holder's name; null when neither has one.
     */
    public String label(Values values) {
        Object named = spec.label() == null ? null : values.fields().get(spec.label());
        return named instanceof String text && !text.isBlank() ? text : values.holderName();
    }

    public Values values(Function<String, Object> lookup) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (TemplateSpec.Field field : spec.fields().values()) {
            Object value = field.source() == null ? null : field.source().value(lookup, field.list());
            if (value != null) {
                fields.put(field.name(), value);
            }
        }
        return new Values(text(spec.holderName().value(lookup, false)), text(spec.holderIdFrom().value(lookup, false)),
                fields);
    }

    /**
     * The number of the {@code sequence}th certificate of this type.
     *
     * @param division the issuing division code (行政区划代码), 6 digits
     * @throws IllegalArgumentException when the sequence no longer fits the number, or a coded field has no code
     */
    public String number(String division, LocalDate issued, long sequence, Map<String, Object> fields) {
        return spec.number().make(division, issued, sequence, fields);
    }

    private static String text(Object value) {
        return value instanceof List<?> list ? String.join("", list.stream().map(String::valueOf).toList())
                : value == null ? null : value.toString();
    }
}
