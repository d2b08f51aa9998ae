package tongban.acceptance;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import tongban.archive.ECertificate;
import tongban.identity.SharedData;
import tongban.identity.SubjectKind;
import tongban.rules.ServiceItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the evaluate body of spec/items.md from what the platform holds (identity, base libraries, certificate
 * registry) and what the applicant sent (form, options, uploads), so acceptance and evaluate are decided by the
 * same reader and the same engine.
 */
final class FactsAssembler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** A material as the rules see it: its code and the media type it really has. */
    record Offered(String code, String mediaType, boolean rejected) {
    }

    private FactsAssembler() {
    }

    static ObjectNode facts(ServiceItem item, LocalDate asOf, SharedData shared, List<ECertificate> certificates,
                            JsonNode form, JsonNode options, List<Offered> materials) {
        ObjectNode facts = NODES.objectNode();
        facts.put("asOf", asOf.toString());
        ObjectNode applicant = facts.putObject("applicant");
        boolean person = shared.subject().kind() == SubjectKind.PERSON;
        applicant.put("kind", person ? "PERSON" : "ORGANISATION");
        applicant.put("idNumber", person ? shared.subject().id() : shared.representativeId());
        applicant.put("name", shared.name());
        if (!shared.hukouRegion().isEmpty()) {
            applicant.put("hukouRegion", shared.hukouRegion());
        }
        applicant.put("identityVerified", shared.identityVerified());
        applicant.put("publicServant", shared.publicServant());
        applicant.put("ownLabourIncome", shared.ownLabourIncome());
        if (!person) {
            applicant.put("uscc", shared.subject().id());
        }
        facts.set("form", form == null || form.isNull() || form.isMissingNode() ? NODES.objectNode() : form);
        ArrayNode offered = facts.putArray("materials");
        materials.forEach(m -> offered.addObject().put("code", m.code()).put("mediaType", baseType(m.mediaType()))
                .put("rejected", m.rejected()));
        ArrayNode held = facts.putArray("certificates");
        for (ECertificate c : certificates) {
            if (!shared.certificateTypes().contains(c.type())) {
                continue; // the data-sharing policy does not let this item see that type
            }
            ObjectNode entry = held.addObject().put("type", c.type()).put("number", c.number())
                    .put("holderId", c.holder()).put("status", c.status().name());
            c.validUntil().ifPresentOrElse(until -> entry.put("validUntil", LocalDate.ofInstant(until, BEIJING).toString()),
                    () -> entry.putNull("validUntil"));
        }
        ObjectNode records = facts.putObject("records");
        shared.records().forEach((name, value) -> {
            if (item.records().containsKey(name)) {
                records.set(name, value(value));
            }
        });
        if (options != null && !options.isNull() && !options.isMissingNode()) {
            facts.set("options", options);
        }
        return facts;
    }

    /** The type without parameters ({@code image/jpeg}, not {@code image/jpeg; q=1}); anything odd is octet-stream. */
    private static String baseType(String type) {
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return base.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*") ? base : "application/octet-stream";
    }

    private static JsonNode value(Object value) {
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.longValue());
        }
        return NODES.textNode(String.valueOf(value));
    }
}
