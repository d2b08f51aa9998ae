package tongban.seals;

import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;
import tongban.seal.KeyKind;
import tongban.seal.RevocationList;
import tongban.seal.SealService;

/**
 * What verifiers and operators need of the seals: trust anchors (public), the CRLs of the embedded default (public,
 * as real CAs publish theirs) and its local timestamp authority (only when configured public, and then rate-limited:
 * the sealer itself asks it in the process), the seal registry (OPERATOR).
 */
@RestController
class SealsController {

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
    private static final MediaType TIMESTAMP_REPLY = MediaType.parseMediaType("application/timestamp-reply");
    private static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");
    private static final int MAX_TIMESTAMP_QUERY = 16 * 1024;

    private final SealService seals;
    private final boolean publicTsa;

    SealsController(SealService seals, @Value("${tongban.seals.public-tsa.enabled:false}") boolean publicTsa) {
        this.seals = seals;
        this.publicTsa = publicTsa;
    }

    @GetMapping("/api/v1/trust-anchors")
    ResponseEntity<String> trustAnchors() {
        return ResponseEntity.ok().contentType(PEM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"tongban-trust-anchors.pem\"")
                .body(seals.trustAnchorsPem());
    }

    @GetMapping("/api/v1/seals")
    List<SealView> seals() {
        return seals.seals().stream().map(s -> new SealView(s.departmentId(), s.departmentName(), s.sealId(),
                s.purpose(), s.certificateSubject(), s.notBefore(), s.notAfter(), s.keyKind())).toList();
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

    /** A seal as the registry shows it: no key material, the chain stays in the verifier's trust anchors. */
    record SealView(String departmentId, String departmentName, String sealId, String purpose,
                    String certificateSubject, Instant notBefore, Instant notAfter, KeyKind keyKind) {
    }
}
