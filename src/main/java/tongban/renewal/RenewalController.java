package tongban.renewal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.archive.Archive;
import tongban.archive.CertificateRevision;
import tongban.audit.AuditLog;
import tongban.platform.ApiProblem;

/** The operators' renewal endpoints (role OPERATOR): run the renewal now, and a document's chain of revisions. */
@RestController
@RequestMapping("/api/v1/archive")
class RenewalController {

    private final RenewalRunner runner;
    private final Archive archive;
    private final AuditLog audit;

    RenewalController(RenewalRunner runner, Archive archive, AuditLog audit) {
        this.runner = runner;
        this.archive = archive;
        this.audit = audit;
    }

    /**
     * Starts a renewal run now: 202 with its id (its outcome is the audit entry {@code RENEWAL_RUN} of target
     * {@code renewal/<id>}), 409 {@code RENEWAL_RUNNING} while any node renews.
     */
    @PostMapping("/renewal")
    ResponseEntity<RenewalStarted> start(Authentication login) {
        UUID id = runner.start(login.getName()).orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT,
                "RENEWAL_RUNNING", "a renewal run is in progress on this or another node; wait for it to finish"));
        audit.record(login.getName(), "RENEWAL_STARTED", "renewal/" + id, null);
        URI outcome = URI.create("/api/v1/audit?target=renewal/" + id);
        return ResponseEntity.accepted().body(new RenewalStarted(id, outcome));
    }

    /** The certificate's revisions, the issued file first; downloads serve the last. */
    @GetMapping("/certificates/{id}/revisions")
    List<RevisionView> revisions(@PathVariable String id) {
        UUID certificate;
        try {
            certificate = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        List<RevisionView> chain = archive.certificates().revisions(certificate).stream().map(RevisionView::of)
                .toList();
        if (chain.isEmpty()) {
            throw notFound(id);
        }
        return chain;
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("CERTIFICATE_NOT_FOUND", "no certificate " + id);
    }

    record RenewalStarted(UUID runId, URI outcome) {
    }

    /** One revision: its number, the SHA-256 of the one it extends (null for the issued file), its own, where. */
    record RevisionView(int revision, String previousSha256, String sha256, long size, String objectKey,
                        Instant registeredAt) {

        static RevisionView of(CertificateRevision r) {
            return new RevisionView(r.revision(), r.previous().map(Object::toString).orElse(null), r.sha256().hex(),
                    r.size(), r.location().key(), r.registeredAt());
        }
    }
}
