package tongban.acceptance;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tongban.archive.Archive;
import tongban.archive.ECertificate;
import tongban.audit.AuditLog;
import tongban.identity.Subject;
import tongban.platform.ApiProblem;
import tongban.platform.Reason;
import tools.jackson.databind.JsonNode;

/**
 * A holder's e-certificates (市民主页 / 企业专属网页) and their PDFs — the holder's only: another's is "not found" —
 * and revocation by an officer.
 */
@RestController
class CertificatesController {

    private final Archive archive;
    private final HeldCertificates held;
    private final Applicants applicants;
    private final AuditLog audit;
    private final Revocations revocations;

    CertificatesController(Archive archive, HeldCertificates held, Applicants applicants, AuditLog audit,
                           Revocations revocations) {
        this.archive = archive;
        this.held = held;
        this.applicants = applicants;
        this.audit = audit;
        this.revocations = revocations;
    }

    record CertificateView(UUID id, String type, String number, String issuer, java.time.Instant issuedAt,
                           java.time.Instant validUntil, String status, String downloadUrl, String verifyUrl) {
        static CertificateView of(ECertificate c) {
            return new CertificateView(c.id(), c.type(), c.number(), c.issuer(), c.issuedAt(), c.validUntil().orElse(null),
                    c.status().name(), "/api/v1/certificates/" + c.id() + "/pdf", "/verify/" + c.id());
        }
    }

    @GetMapping("/api/v1/certificates")
    List<CertificateView> mine(Authentication login) {
        // the e-certificates held: notices are registered as what they are and are not listed here
        return held.of(applicants.of(login).id()).stream().map(CertificateView::of).toList();
    }

    @GetMapping("/api/v1/certificates/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, Authentication login) {
        return download(id, login);
    }

    /** Every sealed document of the applicant's own applications; today these are certificates. */
    @GetMapping("/api/v1/documents/{id}/pdf")
    ResponseEntity<byte[]> document(@PathVariable String id, Authentication login) {
        return download(id, login);
    }

    /**
     * Revokes once: a certificate revoked before keeps its first reason and time, and the officer is told so with 409
     * {@code ALREADY_REVOKED} rather than shown a revocation that did not happen.
     */
    @PostMapping(path = "/api/v1/certificates/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    CertificateView revoke(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        Reason reason = Reason.of(body, "revoking");
        UUID certificate = AcceptanceController.uuid(id, "CERTIFICATE_NOT_FOUND");
        return CertificateView.of(revocations.revoke(certificate, reason, login.getName()));
    }

    private ResponseEntity<byte[]> download(String id, Authentication login) {
        Subject subject = applicants.of(login);
        UUID certificate = AcceptanceController.uuid(id, "DOCUMENT_NOT_FOUND");
        ECertificate found = archive.certificates().find(certificate).filter(c -> c.holder().equals(subject.id()))
                .orElseThrow(() -> ApiProblem.notFound("DOCUMENT_NOT_FOUND", "no document " + id));
        // the newest revision: the issued file with every long-term-validity renewal appended
        byte[] pdf = archive.certificates().newestContent(found.id()).orElseThrow();
        audit.record(login.getName(), "CERTIFICATE_DOWNLOADED", "certificate/" + found.id(), null);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + found.type() + "-" + found.number() + ".pdf\"")
                .body(pdf);
    }
}
