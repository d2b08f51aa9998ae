package tongban.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tongban.platform.ApiProblem;

/** The policy officer's API: a pack's anonymised statistics and the impact preview of a changed pack (POLICY only). */
@RestController
@RequestMapping("/api/v1/rule-packs/{item}")
class PolicyController {

    private final PolicyWorkbench workbench;
    private final ImpactPreview preview;

    PolicyController(PolicyWorkbench workbench, ImpactPreview preview) {
        this.workbench = workbench;
        this.preview = preview;
    }

    @GetMapping("/stats")
    PolicyWorkbench.PackStats stats(@PathVariable String item, @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to, Authentication login) {
        return workbench.stats(login.getName(), item, from, to);
    }

    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImpactPreview.Preview preview(@PathVariable String item, @RequestPart("pack") MultipartFile pack,
                                  @RequestParam(required = false) String last, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to, Authentication login) {
        return preview.preview(new ImpactPreview.Command(login.getName(), item, bytes(pack), last, from, to));
    }

    /** The upload's bytes, refused before they are read into memory when the zip is over its limit. */
    static byte[] bytes(MultipartFile pack) {
        if (pack.getSize() > PackZip.MAX_ZIP_BYTES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PACK_ZIP_TOO_LARGE",
                    "the zip is larger than " + PackZip.MAX_ZIP_BYTES / 1024 + " KiB", "$.pack", List.of());
        }
        try {
            return pack.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
