package tongban.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tongban.acceptance.ApplicationStatus;
import tongban.acceptance.ApplicationView;
import tongban.acceptance.SubmitApplication;
import tongban.archive.Archive;
import tongban.identity.DataSharing;
import tongban.identity.Subject;
import tongban.payment.PaymentDesk;
import tongban.platform.PublicBaseUrl;
import tongban.rules.Decision;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.web.Lang;
import tongban.web.PageController;

/**
 * An application's result on the portal (办理结果): the certificate (download, verification link and QR code) or the
 * notice (download, what to do next, the time limit), and the documents' downloads — the applicant's own only.
 */
@PageController
class ResultPages {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final SubmitApplication applications;
    private final DataSharing sharing;
    private final RulePacks packs;
    private final Archive archive;
    private final Drafts drafts;
    private final PublicBaseUrl publicBaseUrl;
    private final ApplicationEventPublisher events;
    private final PageTexts texts;
    private final PaymentDesk payments;

    ResultPages(SubmitApplication applications, DataSharing sharing, RulePacks packs, Archive archive, Drafts drafts,
                PublicBaseUrl publicBaseUrl, ApplicationEventPublisher events, PageTexts texts, PaymentDesk payments) {
        this.applications = applications;
        this.sharing = sharing;
        this.packs = packs;
        this.archive = archive;
        this.drafts = drafts;
        this.publicBaseUrl = publicBaseUrl;
        this.events = events;
        this.texts = texts;
        this.payments = payments;
    }

    @GetMapping("/apply/applications/{id}")
    String result(@PathVariable String id, Principal login, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Lang lang = PageTexts.lang(request);
        ApplicationView view = own(id, login).orElse(null);
        if (view == null) {
            return NotFound.page(response);
        }
        ServiceItem item = packs.item(view.item()).orElse(null);
        model.addAttribute("result", view);
        model.addAttribute("itemName", item == null ? view.item() : PageTexts.of(item.name(), lang));
        model.addAttribute("status", view.status().name());
        model.addAttribute("statusText", texts.message(lang, "portal.result.status." + view.status().name()));
        model.addAttribute("statusTag", switch (view.status()) {
            case ISSUED, ACCEPTED -> "ok";
            case PROCESSING, WITHDRAWN -> "";
            case INCOMPLETE, FAILED, AWAITING_PAYMENT -> "warn";
            case INELIGIBLE, NOT_APPLICABLE, PAYMENT_EXPIRED, REFUSED -> "bad";
        });
        String base = "/apply/applications/" + view.id();
        if (view.certificate() != null) {
            String verifyUrl = publicBaseUrl.get() + view.certificate().verifyUrl();
            model.addAttribute("verifyUrl", verifyUrl);
            model.addAttribute("qr", QrImage.dataUri(verifyUrl));
            model.addAttribute("certificateDownload", base + "/documents/" + view.certificate().id());
        }
        model.addAttribute("notices", view.documents().stream().filter(d -> !d.kind().equals("CERTIFICATE"))
                .map(d -> new String[] {texts.message(lang, "portal.document." + d.kind()),
                        base + "/documents/" + d.id()}).toList());
        Decision decision = view.decision();
        if (decision != null) {
            model.addAttribute("missing", decision.materials().stream()
                    .filter(m -> m.status() == Decision.MaterialStatus.MISSING || m.status() == Decision.MaterialStatus.REJECTED)
                    .map(m -> PageTexts.of(m.name(), lang)).toList());
            model.addAttribute("reasons", decision.reasons().stream().map(r -> PageTexts.of(r.message(), lang)).toList());
            model.addAttribute("steps", decision.visits().steps().stream().map(s -> PageTexts.of(s.message(), lang)).toList());
            model.addAttribute("timeLimit", timeLimit(view, decision.timeLimit(), lang));
        }
        Optional<PaymentDesk.Summary> payment = sharing.subjectOf(login.getName())
                .flatMap(subject -> payments.of(subject, view.id()));
        model.addAttribute("payment", payment.orElse(null));
        model.addAttribute("channelNames", payment.map(p -> p.channels().stream().collect(java.util.stream.Collectors
                .toMap(c -> c, c -> channelName(lang, c)))).orElse(java.util.Map.of()));
        model.addAttribute("again", item != null && view.status() != ApplicationStatus.ISSUED
                && view.status() != ApplicationStatus.ACCEPTED && view.status() != ApplicationStatus.PROCESSING
                && view.status() != ApplicationStatus.AWAITING_PAYMENT);
        return "portal/result";
    }

    /**
     * Starts paying the login's own application's fee by a channel (a form per channel on the result page, so no
     * script is needed): the checkout page shows the provider's QR code and the link to its pay page. A provider that
     * cannot be reached is said so on the page (503), nothing charged.
     */
    @PostMapping("/apply/applications/{id}/payment")
    String pay(@PathVariable String id, @RequestParam(required = false) String channel, Principal login,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        Lang lang = PageTexts.lang(request);
        ApplicationView view = own(id, login).orElse(null);
        Subject subject = sharing.subjectOf(login.getName()).orElse(null);
        if (view == null || subject == null) {
            return NotFound.page(response);
        }
        model.addAttribute("result", view);
        model.addAttribute("channelName", channelName(lang, channel == null ? "" : channel));
        try {
            java.util.Map<String, String> client = payments.start(subject, view.id(), channel);
            String code = client.getOrDefault("code_url", client.getOrDefault("qr_code",
                    client.values().stream().findFirst().orElse(null)));
            model.addAttribute("qr", code == null ? null : QrImage.dataUri(code));
            model.addAttribute("links", client.values().stream()
                    .filter(v -> v.startsWith("https://") || v.startsWith("http://") || v.startsWith("/")).toList());
        } catch (tongban.platform.ApiProblem problem) {
            if (problem.status().value() == 404 && !problem.code().equals("UNKNOWN_CHANNEL")) {
                return NotFound.page(response);
            }
            response.setStatus(problem.status().value());
            model.addAttribute("error", texts.message(lang, "payment.error." + (problem.code().equals("CHANNEL_REQUIRED")
                    ? "UNKNOWN_CHANNEL" : problem.code())));
        }
        return "portal/checkout";
    }

    /** A channel's name in the page's language; a channel the texts do not name yet by its id. */
    private String channelName(Lang lang, String channel) {
        try {
            return texts.message(lang, "payment.channel." + channel);
        } catch (org.springframework.context.NoSuchMessageException e) {
            return channel;
        }
    }

    /** A sealed document of the login's own application (certificate or notice), as a PDF download. */
    @GetMapping("/apply/applications/{id}/documents/{document}")
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String document, Principal login) {
        UUID wanted = ApplyPages.uuid(document);
        Optional<ApplicationView.DocumentLink> link = own(id, login).flatMap(v -> v.documents().stream()
                .filter(d -> d.id().equals(wanted)).findFirst());
        Optional<byte[]> pdf = link.flatMap(d -> archive.certificates().newestContent(d.id()));
        if (pdf.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        events.publishEvent(new DocumentDownloaded(login.getName(), wanted));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(link.get().kind().toLowerCase(java.util.Locale.ROOT) + "-" + wanted + ".pdf").build().toString())
                .body(pdf.get());
    }

    /**
     * Completing what a notice asked for: a new draft with the answers and accepted files of the one submitted, so
     * nothing is asked twice; an application made through the API (no draft) starts an empty form.
     */
    @PostMapping("/apply/applications/{id}/again")
    String again(@PathVariable String id, Principal login, HttpServletRequest request, HttpServletResponse response) {
        Lang lang = PageTexts.lang(request);
        ApplicationView view = own(id, login).orElse(null);
        if (view == null) {
            return NotFound.page(response);
        }
        return drafts.ofApplication(view.id(), login.getName())
                .map(d -> "redirect:/apply/" + view.item() + "/" + drafts.copy(d).id() + lang.query())
                .orElse("redirect:/apply/" + view.item() + lang.query());
    }

    private Optional<ApplicationView> own(String id, Principal login) {
        UUID uuid = ApplyPages.uuid(id);
        Subject subject = sharing.subjectOf(login.getName()).orElse(null);
        if (uuid == null || subject == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(applications.find(subject, uuid));
        } catch (SubmitApplication.Refused e) {
            return Optional.empty();
        }
    }

    /**
     * The time limit in words; for calendar days also the last day (counted from the day of acceptance); working days
     * depend on the public-holiday calendar, so only their number is given.
     */
    private String timeLimit(ApplicationView view, Decision.TimeLimit limit, Lang lang) {
        if (limit == null) {
            return null;
        }
        if (limit.days() == 0) {
            return texts.message(lang, "portal.timeLimit.onTheSpot");
        }
        if (limit.kind() == Decision.DayKind.CALENDAR) {
            LocalDate by = LocalDate.ofInstant(view.createdAt(), BEIJING).plusDays(limit.days());
            return texts.message(lang, "portal.timeLimit.calendarBy", limit.days(), by.toString());
        }
        return texts.message(lang, "portal.timeLimit.working", limit.days());
    }
}
