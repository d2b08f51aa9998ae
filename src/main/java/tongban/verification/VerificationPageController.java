package tongban.verification;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import tongban.identity.ResidentIdNumber;
import tongban.platform.ApiProblem;
import tongban.web.Lang;
import tongban.web.PageLocaleResolver;

/**
 * The verification page a bank clerk uses (证照验证): upload a PDF, read the verdict; and the landing page of a
 * certificate's QR code. Plain HTML forms, no script, no login; Chinese by default, English with {@code ?lang=en}.
 */
@Controller
class VerificationPageController {

    static final String STYLESHEET = "/verify/verify.css";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; font-src 'self'; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    private final VerifyDocument verifier;
    private final CertificateStatuses statuses;
    private final VerificationPages pages;
    private final PageFont font;
    private final long maxFileBytes;

    VerificationPageController(VerifyDocument verifier, CertificateStatuses statuses, VerificationPages pages,
                               PageFont font, VerificationProperties properties) {
        this.verifier = verifier;
        this.statuses = statuses;
        this.pages = pages;
        this.font = font;
        this.maxFileBytes = properties.maxFileSize().toBytes();
    }

    // nothing but our own stylesheet, font and form: no script, frame or image, nothing from elsewhere; and the
    // page's language for its Content-Language (from the query string: a parameter would read the whole upload)
    @ModelAttribute
    void contentSecurityPolicy(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        request.setAttribute(PageLocaleResolver.ATTRIBUTE, Lang.ofQuery(request.getQueryString()));
    }

    @GetMapping("/verify")
    ModelAndView page(@RequestParam(name = "lang", required = false) String lang) {
        return new ModelAndView(VerificationPages.PAGE, pages.model(Lang.of(lang), "/verify"));
    }

    @PostMapping(path = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ModelAndView verify(@RequestParam(name = "file", required = false) MultipartFile file,
                        @RequestParam(name = IdNumberInput.FIELD, required = false) String idNumber,
                        @RequestParam(name = "lang", required = false) String lang) {
        Lang language = Lang.of(lang);
        Map<String, Object> model = pages.model(language, "/verify");
        ResidentIdNumber id;
        try {
            id = IdNumberInput.parse(idNumber);
        } catch (ApiProblem problem) {
            // GOV.UK's pattern: a summary at the top linking to the field, the message at the field, the entry kept
            model.put("idNumberError", pages.error(problem.code(), language));
            model.put("idNumber", VerificationController.shortened(idNumber));
            return new ModelAndView(VerificationPages.PAGE, model, problem.status());
        }
        try {
            Verification verification = verifier.verify(Upload.bytes(file, maxFileBytes), id);
            model.put("result", pages.result(verification, language));
            model.put("extraFont", font.extra(verification.certificate() == null ? null
                    : verification.certificate().statusReason()));
            return new ModelAndView(VerificationPages.PAGE, model);
        } catch (ApiProblem problem) {
            model.put("error", pages.error(problem.code(), language));
            return new ModelAndView(VerificationPages.PAGE, model, problem.status());
        }
    }

    @GetMapping(STYLESHEET)
    ResponseEntity<Resource> stylesheet() {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(new ClassPathResource("static/verify/verify.css"));
    }

    @GetMapping(PageFont.PATH)
    ResponseEntity<byte[]> font(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        PageFont.Cut cut = font.cut();
        if (cut.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(cut.etag()).build();
        }
        return ResponseEntity.ok().contentType(new MediaType("font", "ttf")).eTag(cut.etag())
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(cut.ttf());
    }

    @GetMapping(PageFont.EXTRA_CSS)
    ResponseEntity<String> extraFontFace(@RequestParam(name = "c", required = false) String characters) {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(font.extraCss(characters));
    }

    @GetMapping(PageFont.EXTRA_PATH)
    ResponseEntity<byte[]> extraFont(@RequestParam(name = "c", required = false) String characters) {
        byte[] ttf = font.extraFont(characters).orElseThrow(() -> ApiProblem.notFound("NO_SUCH_CHARACTERS",
                "the page font has none of the characters asked for"));
        return ResponseEntity.ok().contentType(new MediaType("font", "ttf"))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(ttf);
    }

    @GetMapping(PageFont.LICENCE_PATH)
    ResponseEntity<byte[]> fontLicence() {
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(font.licence());
    }

    @GetMapping("/verify/{id}")
    ModelAndView certificate(@PathVariable String id, @RequestParam(name = "lang", required = false) String lang) {
        Lang language = Lang.of(lang);
        Optional<CertificateStatusView> found;
        try {
            found = statuses.find(id).map(CertificateStatusView::of);
        } catch (ApiProblem unavailable) {
            Map<String, Object> model = pages.model(language, "/verify");
            model.put("error", pages.error(unavailable.code(), language));
            return new ModelAndView(VerificationPages.CERTIFICATE, model, unavailable.status());
        }
        if (found.isEmpty()) {
            Map<String, Object> model = pages.model(language, "/verify");
            model.put("notFound", true);
            return new ModelAndView(VerificationPages.CERTIFICATE, model, HttpStatus.NOT_FOUND);
        }
        Map<String, Object> model = pages.model(language, "/verify/" + found.get().certificateId());
        model.put("certificate", pages.status(found.get(), language));
        model.put("extraFont", font.extra(found.get().statusReason()));
        return new ModelAndView(VerificationPages.CERTIFICATE, model);
    }
}
