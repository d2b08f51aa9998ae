package tongban.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tongban.identity.Subject;
import tongban.platform.ApiProblem;
import tongban.platform.Paging;
import tongban.rules.Decision;
import tools.jackson.databind.JsonNode;

/** The applicant's side of unified acceptance: precheck, submit, track. */
@RestController
class AcceptanceController {

    private final SubmitApplication applications;
    private final Applicants applicants;
    private final long maxJsonBytes;

    AcceptanceController(SubmitApplication applications, Applicants applicants,
                         @Value("${tongban.http.max-json-bytes:1048576}") long maxJsonBytes) {
        this.applications = applications;
        this.applicants = applicants;
        this.maxJsonBytes = maxJsonBytes;
    }

    @PostMapping(path = "/api/v1/applications/precheck", consumes = MediaType.APPLICATION_JSON_VALUE)
    Decision precheck(@RequestBody JsonNode body, Authentication login) {
        return applications.precheck(ApplicationJson.precheck(applicants.of(login), body));
    }

    /** Multipart: part {@code application} (JSON) and one file part per material, named by its code. */
    @PostMapping(path = "/api/v1/applications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ApplicationView> submit(MultipartHttpServletRequest request,
                                           @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                           Authentication login) {
        byte[] application = jsonPart(request, "application", maxJsonBytes);
        List<ReceivedUpload> uploads = uploads(request, Set.of("application"));
        Subject subject = applicants.of(login);
        SubmitApplication.requireKey(key); // a missing key is told before anything wrong in the application
        SubmitApplication.SubmitCommand command = new SubmitApplication.SubmitCommand(subject, key,
                ApplicationJson.read(application), uploads);
        ApplicationView view = applications.submit(command);
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    /** A JSON part (as a file part or a field), refused over {@code max} bytes before it is parsed; null if absent. */
    static byte[] jsonPart(MultipartHttpServletRequest request, String name, long max) {
        try {
            MultipartFile part = request.getFile(name);
            if (part != null) {
                checkSize(name, part.getSize(), max);
                return part.getBytes();
            }
            if (request.getParameter(name) != null) {
                byte[] json = request.getParameter(name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                checkSize(name, json.length, max);
                return json;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file part but those named in {@code skip}, each material once. */
    static List<ReceivedUpload> uploads(MultipartHttpServletRequest request, Set<String> skip) {
        List<ReceivedUpload> uploads = new ArrayList<>();
        request.getMultiFileMap().forEach((material, files) -> {
            if (files.size() > 1) {
                // each copy would be archived for the material's whole retention: one file, several pages
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "ONE_FILE_PER_MATERIAL", "send one file per material; '"
                        + material + "' came " + files.size() + " times (put several pages into one PDF)",
                        material, List.of());
            }
        });
        try {
            for (var entry : request.getMultiFileMap().entrySet()) {
                if (skip.contains(entry.getKey())) {
                    continue;
                }
                for (MultipartFile file : entry.getValue()) {
                    uploads.add(new ReceivedUpload(entry.getKey(), file.getOriginalFilename(), file.getContentType(),
                            file.getBytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uploads;
    }

    /** A JSON part is JSON like any other body: over the same cap it is refused before it is parsed. */
    private static void checkSize(String name, long size, long max) {
        if (size > max) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "the part '" + name + "' is larger than " + max + " bytes");
        }
    }

    @GetMapping("/api/v1/applications/{id}")
    ApplicationView find(@PathVariable String id, Authentication login) {
        return applications.find(applicants.of(login), uuid(id, "APPLICATION_NOT_FOUND"));
    }

    /** The applicant withdraws an application not yet issued; a paid fee is refunded. */
    @PostMapping("/api/v1/applications/{id}/withdraw")
    ApplicationView withdraw(@PathVariable String id, Authentication login) {
        return applications.withdraw(applicants.of(login), uuid(id, "APPLICATION_NOT_FOUND"));
    }

    /** The applicant's applications, newest first, a page at a time ({@link Paging}). */
    @GetMapping("/api/v1/applications")
    ResponseEntity<List<ApplicationView>> mine(@RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size, Authentication login) {
        Paging paging = Paging.of(page, size);
        List<ApplicationView> all = applications.list(applicants.of(login));
        return paging.response(paging.of(all), all.size(),
                ServletUriComponentsBuilder.fromCurrentRequest());
    }

    static UUID uuid(String id, String notFoundCode) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(notFoundCode, "no such id: " + id);
        }
    }
}
