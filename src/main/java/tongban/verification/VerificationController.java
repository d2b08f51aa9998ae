package tongban.verification;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tongban.identity.ResidentIdNumber;
import tongban.platform.ApiProblem;

/** The public verification API: verify an uploaded PDF; the status of an issued certificate. No login. */
@RestController
class VerificationController {

    private final VerifyDocument verifier;
    private final CertificateStatuses statuses;
    private final long maxFileBytes;

    VerificationController(VerifyDocument verifier, CertificateStatuses statuses, VerificationProperties properties) {
        this.verifier = verifier;
        this.statuses = statuses;
        this.maxFileBytes = properties.maxFileSize().toBytes();
    }

    @PostMapping(path = "/api/v1/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Verification verify(@RequestParam(name = "file", required = false) MultipartFile file,
                        @RequestParam(name = IdNumberInput.FIELD, required = false) String idNumber) {
        // the number first: a typing error is answered before the file is worked on
        ResidentIdNumber id = IdNumberInput.parse(idNumber);
        return verifier.verify(Upload.bytes(file, maxFileBytes), id);
    }

    @GetMapping("/api/v1/certificates/{id}/status")
    CertificateStatusView status(@PathVariable String id) {
        return statuses.find(id).map(CertificateStatusView::of)
                .orElseThrow(() -> ApiProblem.notFound("CERTIFICATE_NOT_FOUND", "no certificate " + shortened(id)));
    }

    // an id is echoed back, never a whole hostile string
    static String shortened(String id) {
        return id.length() <= 40 ? id : id.substring(0, 40) + "…";
    }
}
