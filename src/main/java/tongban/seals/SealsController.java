package tongban.seals;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RestController;
import tongban.audit.AuditLog;
import tongban.platform.ApiProblem;
import tongban.seal.KeyKind;
import tongban.seal.RevocationList;
import tongban.seal.RevocationReason;
import tongban.seal.RevokeSeal;
import tongban.seal.SealAdministrationException;
import tongban.seal.SealEntry;
import tongban.seal.SealService;
import tongban.seal.UnknownSealException;
import tools.jackson.databind.JsonNode;

/**
 * What verifiers and operators need of the seals: trust anchors (public), the CRLs of the embedded default (public,
 * as real CAs publish theirs) and its local timestamp authority (only when configured public, and then rate-limited:
 * the sealer itself asks it in the process), the seal registry with seal rotation (换章) and revocation (吊销)
 * (OPERATOR, audited).
 */
@RestController
class SealsController {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    private static final MediaType TIMESTAMP_REPLY = MediaType.parseMediaType("application/timestamp-reply");
    private static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");
    private static final int MAX_TIMESTAMP_QUERY = 16 * 1024;

    private final SealService seals;
    private final boolean publicTsa;
    private final AuditLog audit;

    SealsController(SealService seals, @Value("${tongban.seals.public-tsa.enabled:false}") boolean publicTsa,
                    AuditLog audit) {
        this.seals = seals;
        this.publicTsa = publicTsa;
        this.audit = audit;
    }

    @GetMapping("/api/v1/trust-anchors")
    ResponseEntity<String> trustAnchors() {
        return ResponseEntity.ok().contentType(PEM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"tongban-trust-anchors.pem\"")
                .body(seals.trustAnchorsPem());
    }

    /** Every seal: the current one of each department, then those retired by rotations, with revocations. */
    @GetMapping("/api/v1/seals")
    List<SealView> seals() {
        return seals.allSeals().stream().map(SealView::of).toList();
    }

    /** A new key and certificate for the department's seal; the old one is kept for verifying what it sealed. */
    @PostMapping("/api/v1/seals/{departmentId}/rotate")
    SealView rotate(@PathVariable String departmentId, Authentication login) {
        String old = seals.sealOf(departmentId).map(SealEntry::sealId).orElseThrow(() ->
                ApiProblem.notFound("DEPARTMENT_NOT_FOUND", "no department " + departmentId + " seals documents"));
        SealEntry rotated = administer(() -> seals.rotate(departmentId));
        audit.record(login.getName(), "SEAL_ROTATED", "department/" + departmentId,
                Map.of("retiredSealId", old, "sealId", rotated.sealId()));
        return SealView.of(rotated);
    }

    /**
     * Revokes a seal as of {@code at} (ISO 8601, required, not in the future) for {@code reason} (KEY_COMPROMISE,
     * SUPERSEDED, … ; UNSPECIFIED when absent): documents proven earlier stay valid, later claims are invalid.
     */
    @PostMapping(path = "/api/v1/seals/{sealId}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    SealView revoke(@PathVariable String sealId, @RequestBody JsonNode body, Authentication login) {
        RevokeSeal command = new RevokeSeal(sealId, revocationTime(body.path("at")), revocationReason(body.path("reason")));
        SealEntry revoked = administer(() -> seals.revoke(command));
        audit.record(login.getName(), "SEAL_REVOKED", "seal/" + sealId,
                Map.of("at", command.at().toString(), "reason", command.reason().name()));
        return SealView.of(revoked);
    }

    private static Instant revocationTime(JsonNode at) {
        if (!at.isString()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_REVOCATION_TIME",
                    "give since when the seal is revoked as an ISO 8601 instant, e.g. 2026-12-01T08:00:00Z", "$.at",
                    List.of());
        }
        try {
            return Instant.parse(at.asString());
        } catch (DateTimeParseException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_REVOCATION_TIME",
                    "\"at\" is not an ISO 8601 instant such as 2026-12-01T08:00:00Z", "$.at", List.of());
        }
    }

    private static RevocationReason revocationReason(JsonNode reason) {
        if (reason.isMissingNode() || reason.isNull()) {
            return RevocationReason.UNSPECIFIED;
        }
        for (RevocationReason r : RevocationReason.values()) {
            if (reason.isString() && r.name().equals(reason.asString())) {
                return r;
            }
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_REVOCATION_REASON", "\"reason\" must be one of "
                + java.util.Arrays.toString(RevocationReason.values()), "$.reason", List.of());
    }

    /** The seal service's refusals as problems. */
    private static SealEntry administer(Supplier<SealEntry> change) {
        try {
            return change.get();
        } catch (UnknownSealException e) {
            throw ApiProblem.notFound("SEAL_NOT_FOUND", e.getMessage());
        } catch (SealAdministrationException e) {
            HttpStatus status = "INVALID_REVOCATION_TIME".equals(e.code()) ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
            throw new ApiProblem(status, e.code(), e.getMessage(), e.field() == null ? null : "$." + e.field(),
                    List.of());
        }
    }

    /** The local timestamp authority over HTTP, only when configured public (and then rate-limited by a filter). */
    @PostMapping(path = "/tsa", consumes = "application/timestamp-query")
    ResponseEntity<byte[]> timestamp(@RequestBody byte[] query) {
        var tsa = seals.timestampAuthority().orElseThrow(() ->
                ApiProblem.notFound("NO_LOCAL_TSA", "this installation uses an external timestamp authority"));
        if (!publicTsa) {
            throw ApiProblem.notFound("TSA_NOT_PUBLIC",
                    "the timestamp authority serves this installation's own seals only (tongban.seals.public-tsa.enabled)");
        }
        if (query.length > MAX_TIMESTAMP_QUERY) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "a timestamp query is small");
        }
        return ResponseEntity.ok().contentType(TIMESTAMP_REPLY).body(tsa.respond(query));
    }

    @GetMapping("/crl/{file}")
    ResponseEntity<byte[]> crl(@PathVariable String file) {
        RevocationList crl = seals.revocationLists().stream().filter(c -> c.fileName().equals(file)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("NOT_FOUND", "no CRL named " + file));
        return ResponseEntity.ok().contentType(CRL).body(crl.der());
    }

    /**
     * A seal as the registry shows it: no key material, the chain stays in the verifier's trust anchors.
     * {@code current}: the seal its department seals with now; {@code revokedAt}: null unless revoked.
     */
    record SealView(String departmentId, String departmentName, String sealId, String purpose,
                    String certificateSubject, Instant notBefore, Instant notAfter, KeyKind keyKind, boolean current,
                    Instant revokedAt) {

        static SealView of(SealEntry s) {
            return new SealView(s.departmentId(), s.departmentName(), s.sealId(), s.purpose(), s.certificateSubject(),
                    s.notBefore(), s.notAfter(), s.keyKind(), s.current(), s.revokedAt().orElse(null));
        }
    }
}
