package tongban.acceptance;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.platform.Reason;
import tongban.platform.Staff;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The window officer's API (窗口人员): the district's queue, an application, the in-person check, completion, on-behalf. */
@RestController
class OfficerController {

    private final WindowOfficer officers;
    private final long maxJsonBytes;

    OfficerController(WindowOfficer officers, @Value("${tongban.http.max-json-bytes:1048576}") long maxJsonBytes) {
        this.officers = officers;
        this.maxJsonBytes = maxJsonBytes;
    }

    @GetMapping("/api/v1/officer/queue")
    WindowOfficer.Page<WindowOfficer.QueueEntry> queue(@RequestParam(required = false) String item,
                                                      @RequestParam(required = false) String page,
                                                      @RequestParam(required = false) String size, Authentication login) {
        return AcceptanceErrors.asProblem(() -> officers.queue(new WindowOfficer.QueueCommand(officer(login), item,
                number(page, 0, "page"), number(size, 20, "size"))));
    }

    @GetMapping("/api/v1/officer/report")
    WindowOfficer.Report report(Authentication login) {
        return AcceptanceErrors.asProblem(() -> officers.report(officer(login)));
    }

    @GetMapping("/api/v1/officer/applications/{id}")
    WindowOfficer.OfficerApplication application(@PathVariable String id, Authentication login) {
        return AcceptanceErrors.asProblem(() -> officers.application(officer(login), AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND")));
    }

    /** An accepted file, to view (never to change): served inline in a sandbox, its type as inspected. */
    @GetMapping("/api/v1/officer/applications/{id}/materials/{index}")
    ResponseEntity<byte[]> material(@PathVariable String id, @PathVariable String index, Authentication login) {
        return file(AcceptanceErrors.asProblem(() -> officers.material(officer(login), AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND"),
                materialIndex(index))));
    }

    /** JSON {@code {"checked": "…", "result": "PASSED"|"FAILED", "step": "FIRST_ISSUE_CHECK"}} (step optional). */
    @PostMapping(path = "/api/v1/applications/{id}/in-person-check", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WindowStore.Check> check(@PathVariable String id, @RequestBody JsonNode body,
                                            @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                            Authentication login) {
        UUID application = AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND");
        if (key != null && (key.isBlank() || key.length() > 100 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F))) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_CHECK",
                    "Idempotency-Key must be 1 to 100 visible ASCII characters", "Idempotency-Key", List.of());
        }
        if (!body.isObject()) {
            throw ApiProblem.invalidFacts("$", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!Set.of("checked", "result", "step").contains(name)) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_CHECK", "unknown field '" + name + "'", "$." + name,
                        List.of());
            }
        }
        String step = body.path("step").isString() ? body.path("step").asString() : null;
        String checked = body.path("checked").isString() ? body.path("checked").asString() : null;
        String result = body.path("result").isString() ? body.path("result").asString() : null;
        WindowStore.Check check = AcceptanceErrors.asProblem(() -> officers.check(new WindowOfficer.CheckCommand(officer(login),
                application, key, step, checked, result(result))));
        return ResponseEntity.status(HttpStatus.CREATED).body(check);
    }

    /** The in-person step of an ACCEPTED application is done and its check passed: issue its certificate (once). */
    @PostMapping("/api/v1/applications/{id}/complete")
    ApplicationView complete(@PathVariable String id, Authentication login) {
        return AcceptanceErrors.asProblem(() -> officers.complete(officer(login), AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND")));
    }

    /** JSON {@code {"reason": "…"}}: the officer refuses (不予许可) an ACCEPTED application; a paid fee is refunded. */
    @PostMapping(path = "/api/v1/applications/{id}/refuse", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApplicationView refuse(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        UUID application = AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND");
        Reason reason = Reason.of(body, "refusing");
        return AcceptanceErrors.asProblem(() -> officers.refuse(officer(login), application, reason));
    }

    /**
     * A window submission for a walk-in: multipart like {@code POST /api/v1/applications} (part {@code application},
     * file parts by material code, {@code Idempotency-Key}) plus part {@code applicant}:
     * {@code {"idNumber": "…"}} or {@code {"creditCode": "…"}}.
     */
    @PostMapping(path = "/api/v1/applications/on-behalf", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ApplicationView> onBehalf(MultipartHttpServletRequest request,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                             Authentication login) {
        JsonNode applicant = applicant(AcceptanceController.jsonPart(request, "applicant", maxJsonBytes));
        byte[] application = AcceptanceController.jsonPart(request, "application", maxJsonBytes);
        List<ReceivedUpload> uploads = AcceptanceController.uploads(request, Set.of("application", "applicant"));
        SubmitApplication.Application applied = ApplicationJson.read(application);
        ApplicationView view = AcceptanceErrors.asProblem(() -> officers.onBehalf(new WindowOfficer.OnBehalfCommand(officer(login),
                text(applicant, "idNumber"), text(applicant, "creditCode"), key, applied, uploads)));
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    static WindowOfficer.Officer officer(Authentication login) {
        return new WindowOfficer.Officer(login.getName(), Staff.district(login).orElse(null));
    }

    static ResponseEntity<byte[]> file(WindowOfficer.FileContent file) {
        // the applicant's file, shown as what it was found to be, and never able to run anything in our origin
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; object-src 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    static int materialIndex(String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("MATERIAL_NOT_FOUND", "no material " + index);
        }
    }

    /** The result named, or null for anything else (the use case refuses it with its field). */
    static CheckResult result(String result) {
        try {
            return result == null ? null : CheckResult.valueOf(result);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int number(String value, int otherwise, String name) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PAGE", name + " must be a whole number", name, List.of());
        }
    }

    private static JsonNode applicant(byte[] json) {
        if (json == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MISSING_PART",
                    "the part 'applicant' is required: {\"idNumber\": …} or {\"creditCode\": …}", "applicant", List.of());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (!node.isObject()) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_APPLICANT", "must be a JSON object", "$.applicant",
                        List.of());
            }
            for (String name : node.propertyNames()) {
                if (!Set.of("idNumber", "creditCode").contains(name)) {
                    throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_APPLICANT", "unknown field '" + name + "'",
                            "$.applicant." + name, List.of());
                }
            }
            return node;
        } catch (JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "the part 'applicant' is not valid JSON");
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isMissingNode() && !value.isNull() && !value.isString()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_APPLICANT", "must be a string", "$.applicant." + name,
                    List.of());
        }
        return value.isString() ? value.asString() : null;
    }
}
