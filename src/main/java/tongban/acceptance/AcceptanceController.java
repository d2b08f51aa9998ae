package tongban.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tongban.platform.ApiProblem;
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
        return applications.precheck(applicants.of(login), body);
    }

    /** Multipart: part {@code application} (JSON) and one file part per material, named by its code. */
    @PostMapping(path = "/api/v1/applications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ApplicationView> submit(MultipartHttpServletRequest request,
                                           @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                           Authentication login) {
        byte[] application = null;
        List<ReceivedUpload> uploads = new ArrayList<>();
        try {
            MultipartFile part = request.getFile("application");
            if (part != null) {
                checkSize(part.getSize());
                application = part.getBytes();
            } else if (request.getParameter("application") != null) {
                application = request.getParameter("application").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                checkSize(application.length);
            }
            request.getMultiFileMap().forEach((material, files) -> {
                if (files.size() > 1) {
                    // each copy would be archived for the material's whole retention: one file, several pages
                    throw new ApiProblem(HttpStatus.BAD_REQUEST, "ONE_FILE_PER_MATERIAL", "send one file per material; '"
                            + material + "' came " + files.size() + " times (put several pages into one PDF)",
                            material, List.of());
                }
            });
            for (var entry : request.getMultiFileMap().entrySet()) {
                if (entry.getKey().equals("application")) {
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
        SubmitApplication.SubmitCommand command = new SubmitApplication.SubmitCommand(applicants.of(login), key,
                application, uploads);
        ApplicationView view = applications.submit(command);
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    /** The application part is JSON like any other body: over the same cap it is refused before it is parsed. */
    private void checkSize(long size) {
        if (size > maxJsonBytes) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "the part 'application' is larger than " + maxJsonBytes + " bytes");
        }
    }

    @GetMapping("/api/v1/applications/{id}")
    ApplicationView find(@PathVariable String id, Authentication login) {
        return applications.find(applicants.of(login), uuid(id, "APPLICATION_NOT_FOUND"));
    }

    /** An officer confirms the in-person step of an accepted application; the certificate is issued. */
    @PostMapping("/api/v1/applications/{id}/complete")
    ApplicationView complete(@PathVariable String id, Authentication login) {
        return applications.complete(uuid(id, "APPLICATION_NOT_FOUND"), login.getName());
    }

    @GetMapping("/api/v1/applications")
    List<ApplicationView> mine(Authentication login) {
        return applications.list(applicants.of(login));
    }

    static UUID uuid(String id, String notFoundCode) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(notFoundCode, "no such id: " + id);
        }
    }
}
