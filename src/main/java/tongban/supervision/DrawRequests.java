package tongban.supervision;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tongban.platform.ApiProblem;
import tongban.supervision.Supervision.Inspector;
import tongban.supervision.Supervision.Outcome;
import tools.jackson.databind.JsonNode;

/**
 * Reads the supervision endpoints' JSON bodies into commands, refusing anything else with a stable code and the JSON
 * path at fault; and turns {@link SupervisionException} into problem+json.
 */
final class DrawRequests {

    static final Pattern BADGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
    static final Pattern LICENCE_NUMBER = Pattern.compile("[0-9A-Z]{1,64}");
    static final Pattern DISTRICT = Pattern.compile("[0-9]{6}");
    static final int MAX_INSPECTORS = 200;
    static final int MAX_TEXT = 200;
    static final int MAX_FINDINGS = 2000;

    private DrawRequests() {
    }

    static Supervision.CreateDraw draw(JsonNode body, String actor) {
        object(body);
        String type = body.path("licenceType").isString() ? body.path("licenceType").asString() : null;
        if (type == null || type.isBlank()) {
            throw bad("UNKNOWN_LICENCE_TYPE", "$.licenceType", "name the licence type, e.g. food-business-licence");
        }
        String district = null;
        if (!body.path("district").isMissingNode() && !body.path("district").isNull()) {
            district = body.path("district").isString() ? body.path("district").asString() : "";
            if (!DISTRICT.matcher(district).matches()) {
                throw bad("INVALID_DISTRICT", "$.district", "a district is its 6-digit division code, e.g. 310101");
            }
        }
        Integer share = integer(body, "sharePercent", 1, 100);
        Integer count = integer(body, "count", 1, 10000);
        if ((share == null) == (count == null)) {
            throw bad("INVALID_SHARE", "$.sharePercent", "give either sharePercent (1 to 100) or count (1 to 10000)");
        }
        JsonNode pool = body.path("inspectors");
        if (!pool.isArray() || pool.size() < DrawAlgorithm.INSPECTORS_PER_INSPECTION || pool.size() > MAX_INSPECTORS) {
            throw bad("INVALID_INSPECTORS", "$.inspectors", "the inspector pool is a list of 2 to " + MAX_INSPECTORS
                    + " inspectors, each {\"badge\": \"…\", \"conflicts\": [licence numbers]}");
        }
        List<Inspector> inspectors = new ArrayList<>();
        List<String> badges = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            JsonNode entry = pool.get(i);
            String at = "$.inspectors[" + i + "]";
            String badge = entry.path("badge").isString() ? entry.path("badge").asString() : "";
            if (!BADGE.matcher(badge).matches() || badges.contains(badge)) {
                throw bad("INVALID_BADGE", at + ".badge", "a badge number is 1 to 32 letters, digits and '-', each once");
            }
            badges.add(badge);
            JsonNode declared = entry.path("conflicts");
            List<String> conflicts = new ArrayList<>();
            if (!declared.isMissingNode() && !declared.isNull()) {
                if (!declared.isArray() || declared.size() > 1000) {
                    throw bad("INVALID_CONFLICT", at + ".conflicts", "conflicts are a list of licence numbers");
                }
                for (int j = 0; j < declared.size(); j++) {
                    String number = declared.get(j).isString() ? declared.get(j).asString() : "";
                    if (!LICENCE_NUMBER.matcher(number).matches()) {
                        throw bad("INVALID_CONFLICT", at + ".conflicts[" + j + "]",
                                "a conflict names a licence number (digits and capital letters)");
                    }
                    conflicts.add(number);
                }
            }
            inspectors.add(new Inspector(badge, conflicts));
        }
        return new Supervision.CreateDraw(actor, type, district, share, count, inspectors);
    }

    static Supervision.FixSeed seed(JsonNode body, UUID draw, String actor) {
        object(body);
        return new Supervision.FixSeed(actor, draw, line(body, "source", MAX_TEXT, "INVALID_SEED"),
                line(body, "value", MAX_TEXT, "INVALID_SEED"));
    }

    static Supervision.RecordResult result(JsonNode body, UUID inspection, String actor) {
        object(body);
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(body.path("outcome").isString() ? body.path("outcome").asString() : "");
        } catch (IllegalArgumentException e) {
            throw bad("INVALID_OUTCOME", "$.outcome", "the outcome is PASSED, RECTIFY or REVOKED");
        }
        LocalDate rectifyBy = null;
        if (!body.path("rectifyBy").isMissingNode() && !body.path("rectifyBy").isNull()) {
            try {
                rectifyBy = LocalDate.parse(body.path("rectifyBy").isString() ? body.path("rectifyBy").asString() : "");
            } catch (DateTimeParseException e) {
                throw bad("INVALID_RECTIFY_BY", "$.rectifyBy", "the deadline is a date, YYYY-MM-DD");
            }
        }
        String findings = text(body, "findings", MAX_FINDINGS, "INVALID_FINDINGS");
        return new Supervision.RecordResult(actor, inspection, outcome, findings, rectifyBy);
    }

    static UUID id(String id, String notFoundCode) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(notFoundCode, "no such id: " + id);
        }
    }

    /** An inspection's sealed notice or order ({@code document}) as a PDF download, for the API and the page. */
    static ResponseEntity<byte[]> document(Supervision supervision, String id, String document,
                                                                     String actor) {
        byte[] pdf = supervision.document(id(id, "INSPECTION_NOT_FOUND"), document.equals("order"), actor)
                .orElseThrow(() -> ApiProblem.notFound("DOCUMENT_NOT_FOUND", "inspection " + id + " has no " + document
                        + " issued"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + document + "-" + id + ".pdf\"").body(pdf);
    }

    /** Runs a use case, its refusals turned into problem+json. */
    static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SupervisionException e) {
            throw problem(e);
        }
    }

    static ApiProblem problem(SupervisionException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return new ApiProblem(status, e.code(), e.getMessage(), e.field(), List.of());
    }

    private static void object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "the body is a JSON object", "$", List.of());
        }
    }

    private static Integer integer(JsonNode body, String name, int min, int max) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw bad("INVALID_SHARE", "$." + name, name + " is a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** One line of text: no control, formatting or direction characters. */
    private static String line(JsonNode body, String name, int max, String code) {
        String value = text(body, name, max, code);
        if (value.contains("\n") || value.contains("\t")) {
            throw bad(code, "$." + name, name + " is one line of text");
        }
        return value;
    }

    private static String text(JsonNode body, String name, int max, String code) {
        String value = body.path(name).isString() ? body.path(name).asString().strip() : "";
        if (value.isEmpty() || value.length() > max || value.codePoints().anyMatch(DrawRequests::unwritable)) {
            throw bad(code, "$." + name, name + " is 1 to " + max + " characters of text, without control,"
                    + " formatting or direction characters");
        }
        return value;
    }

    private static boolean unwritable(int c) {
        int type = Character.getType(c);
        return (type == Character.CONTROL && c != '\n' && c != '\t') || type == Character.FORMAT
                || type == Character.SURROGATE;
    }

    private static ApiProblem bad(String code, String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail, field, List.of());
    }
}
