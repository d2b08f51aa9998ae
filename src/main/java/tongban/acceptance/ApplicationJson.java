package tongban.acceptance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The application part as the API and the pages send it (JSON) to {@link SubmitApplication}'s commands and back:
 * what is not JSON of the application's shape is refused here with its problem and the JSON path at fault, so the
 * use case sees only plain values.
 */
public final class ApplicationJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> APPLICATION_KEYS = Set.of("item", "form", "options", "postal");
    private static final Set<String> POSTAL_KEYS = Set.of("recipient", "phone", "address");
    private static final Set<String> PRECHECK_KEYS = Set.of("item", "form", "options", "materials");

    private ApplicationJson() {
    }

    /** The multipart part {@code application}, as sent (null when the part is absent). */
    static SubmitApplication.Application read(byte[] json) {
        if (json == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MISSING_PART", "the multipart part 'application' is required");
        }
        try {
            return application(Json.MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "the part 'application' is not valid JSON");
        }
    }

    /** An application {@code {"item": …, "form": {…}, "options": {…}}}. */
    public static SubmitApplication.Application application(JsonNode json) {
        ObjectNode request = object(json, "$");
        only(request, APPLICATION_KEYS);
        return of(request);
    }

    /** A precheck body: an application and the {@code materials} offered as {@code {"code", "mediaType"}}. */
    public static SubmitApplication.PrecheckCommand precheck(tongban.identity.Subject subject, JsonNode json) {
        ObjectNode request = object(json, "$");
        only(request, PRECHECK_KEYS);
        SubmitApplication.Application application = of(request);
        JsonNode materials = request.path("materials");
        if (!materials.isMissingNode() && !materials.isArray()) {
            throw ApiProblem.invalidFacts("$.materials", "must be a JSON array");
        }
        List<SubmitApplication.OfferedMaterial> offered = new ArrayList<>();
        for (JsonNode m : materials) {
            offered.add(new SubmitApplication.OfferedMaterial(m.path("code").asString(""),
                    m.path("mediaType").asString("")));
        }
        return new SubmitApplication.PrecheckCommand(subject, application, offered);
    }

    private static SubmitApplication.Application of(ObjectNode request) {
        JsonNode item = request.path("item");
        if (!item.isString()) {
            throw ApiProblem.invalidFacts("$.item", "name the service item, e.g. individual-business-registration");
        }
        return new SubmitApplication.Application(item.asString(), fields(request, "form"), fields(request, "options"),
                postal(request.path("postal")));
    }

    /** The address a paper copy is posted to, {@code {"recipient", "phone", "address"}}; null when not given. */
    private static PostalAddress postal(JsonNode postal) {
        if (postal.isMissingNode()) {
            return null;
        }
        if (!postal.isObject()) {
            throw PostalAddress.refused("must be an object of recipient, phone and address", null);
        }
        for (String name : postal.propertyNames()) {
            if (!POSTAL_KEYS.contains(name)) {
                throw PostalAddress.refused("unknown field '" + name + "'", name);
            }
        }
        return new PostalAddress(string(postal, "recipient"), string(postal, "phone"), string(postal, "address"));
    }

    private static String string(JsonNode object, String name) {
        JsonNode value = object.path(name);
        return value.isString() ? value.asString() : null;
    }

    /** An object's members as plain values; null when absent or null (the rules read that as none). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(ObjectNode request, String name) {
        JsonNode node = request.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiProblem.invalidFacts("$." + name, "must be a JSON object");
        }
        return (Map<String, Object>) value(node);
    }

    /** JSON as plain values, numbers as JSON text reads them (whole: Integer, Long or BigInteger; else Double). */
    private static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(value(n)));
            return list;
        }
        if (node.isNumber()) {
            Number number = node.numberValue();
            if (number instanceof BigDecimal decimal) {
                // as a page's exact decimal would come back from JSON text
                return decimal.scale() <= 0 ? whole(decimal.toBigIntegerExact()) : (Object) decimal.doubleValue();
            }
            return number instanceof BigInteger big ? whole(big) : number;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            return node.asString();
        }
        return null;
    }

    private static Number whole(BigInteger value) {
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    /** Plain values back as JSON, in their order (the rules report the first field at fault). */
    static JsonNode tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        return value == null ? NODES.nullNode() : Json.MAPPER.valueToTree(value);
    }

    private static ObjectNode object(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw ApiProblem.invalidFacts(at, "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void only(JsonNode node, Set<String> keys) {
        for (String name : node.propertyNames()) {
            if (!keys.contains(name)) {
                throw ApiProblem.invalidFacts("$." + name, "unknown field '" + name + "'");
            }
        }
    }
}
