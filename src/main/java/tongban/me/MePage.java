package tongban.me;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tongban.acceptance.ApplicationView;
import tongban.acceptance.Applicants;
import tongban.acceptance.SubmitApplication;
import tongban.archive.Archive;
import tongban.archive.ECertificate;
import tongban.audit.AuditLog;
import tongban.delivery.Deliveries;
import tongban.delivery.DeliveryView;
import tongban.identity.DataAccessLog;
import tongban.identity.DataSharing;
import tongban.identity.Held;
import tongban.identity.Subject;
import tongban.payment.PaymentDesk;
import tongban.platform.ApiProblem;
import tongban.platform.Paging;
import tongban.platform.PublicBaseUrl;
import tongban.rules.vocabulary.Text;
import tongban.tickets.Ticket;
import tongban.tickets.Tickets;
import tongban.web.Lang;
import tongban.web.PageController;

/**
 * The page {@code /me}: 市民主页 for a person, 企业专属网页 for an organisation. Raising a ticket and rating an answer
 * are plain forms (post, then back to the page), so they work without JavaScript; a refused ticket comes back with the
 * error summary and the text as typed.
 */
@PageController
class MePage {

    static final int READS_PER_PAGE = 10;
    static final int APPLICATIONS_PER_PAGE = 10;

    private final Applicants applicants;
    private final SubmitApplication applications;
    private final DataSharing sharing;
    private final DataAccessLog accessLog;
    private final Tickets tickets;
    private final Readers readers;
    private final AuditLog audit;
    private final Archive archive;
    private final PaymentDesk payments;
    private final PublicBaseUrl baseUrl;
    private final MessageSource messages;
    private final MeController api;
    private final Deliveries deliveries;

    MePage(Applicants applicants, SubmitApplication applications, DataSharing sharing, DataAccessLog accessLog,
           Tickets tickets, Readers readers, AuditLog audit, Archive archive, PublicBaseUrl baseUrl,
           MessageSource messages, MeController api, PaymentDesk payments, Deliveries deliveries) {
        this.applicants = applicants;
        this.applications = applications;
        this.sharing = sharing;
        this.accessLog = accessLog;
        this.tickets = tickets;
        this.readers = readers;
        this.audit = audit;
        this.archive = archive;
        this.baseUrl = baseUrl;
        this.messages = messages;
        this.api = api;
        this.payments = payments;
        this.deliveries = deliveries;
    }

    /** A payment as the page lists it: the order with its item's name. */
    record PaymentRow(PaymentDesk.Summary order, Text itemName) {
    }

    /** An application as the page shows it: its item's name, its timeline, its tickets and the rules it may be about. */
    record ApplicationRow(ApplicationView view, Text itemName, List<Event> timeline, List<Ticket> tickets,
                          List<String> rules) {
    }

    /** A step of an application's timeline: when, and the message key of what happened. */
    record Event(Instant at, String key) {
    }

    record CertificateRow(UUID id, String number, Text itemName, String status, String verifyUrl) {
    }

    record NoticeRow(UUID id, String kind, Text itemName, Instant at) {
    }

    @GetMapping("/me")
    String page(@RequestParam(required = false) String page, @RequestParam(required = false) String reads,
                HttpServletRequest request, Authentication login, Model model) {
        Subject subject = applicants.of(login);
        fill(model, subject, Paging.pageOrFirst(page), Paging.pageOrFirst(reads),
                Lang.ofQuery(request.getQueryString()));
        return "me/page";
    }

    /** The applications of page {@code page} with their certificates and notices, and page {@code readsPage} of reads. */
    private void fill(Model model, Subject subject, int page, int readsPage, Lang lang) {
        List<ApplicationView> every = applications.list(subject);
        Paging paging = new Paging(page, APPLICATIONS_PER_PAGE);
        List<ApplicationView> all = paging.of(every);
        Map<UUID, List<Ticket>> byApplication = new LinkedHashMap<>();
        tickets.ofSubject(subject).forEach(t -> byApplication.computeIfAbsent(t.applicationId(), k -> new ArrayList<>())
                .add(0, t));
        List<ApplicationRow> rows = new ArrayList<>();
        List<CertificateRow> certificates = new ArrayList<>();
        List<NoticeRow> notices = new ArrayList<>();
        Map<UUID, DeliveryView> posted = new LinkedHashMap<>();
        for (ApplicationView a : all) {
            deliveries.of(subject.username(), a.id()).ifPresent(d -> posted.put(a.id(), d));
            Text name = readers.item(a.item());
            rows.add(new ApplicationRow(a, name, timeline(a), byApplication.getOrDefault(a.id(), List.of()),
                    rulesOf(a)));
            if (a.certificate() != null) {
                String status = archive.certificates().status(a.certificate().id()).map(Enum::name).orElse("VALID");
                certificates.add(new CertificateRow(a.certificate().id(), a.certificate().number(), name, status,
                        baseUrl.get().resolve("/verify/" + a.certificate().id()).toString()));
            }
            a.documents().stream().filter(d -> !d.kind().equals("CERTIFICATE"))
                    .forEach(d -> notices.add(new NoticeRow(d.id(), d.kind(), name, a.createdAt())));
        }
        List<Held> held = sharing.heldAbout(subject);
        Map<String, List<Held>> libraries = new LinkedHashMap<>();
        held.forEach(h -> libraries.computeIfAbsent(h.library(), k -> new ArrayList<>()).add(h));
        long reads = accessLog.count(subject.id());
        model.addAttribute("me", MeController.Me.of(subject, held));
        model.addAttribute("organisation", subject.kind() == tongban.identity.SubjectKind.ORGANISATION);
        model.addAttribute("applications", rows);
        model.addAttribute("certificates", certificates);
        model.addAttribute("notices", notices);
        Map<UUID, Text> itemNames = new LinkedHashMap<>();
        every.forEach(a -> itemNames.put(a.id(), readers.item(a.item())));
        model.addAttribute("payments", payments.of(subject).stream()
                .map(p -> new PaymentRow(p, itemNames.get(p.application()))).toList());
        model.addAttribute("deliveries", posted);
        model.addAttribute("libraries", libraries);
        model.addAttribute("reads", accessLog.of(subject.id(), (long) readsPage * READS_PER_PAGE, READS_PER_PAGE)
                .stream().map(api::access).toList());
        model.addAttribute("applicationsPage", page);
        model.addAttribute("applicationsNext", paging.offset() + all.size() < every.size());
        model.addAttribute("readsPage", readsPage);
        model.addAttribute("readsNext", (long) (readsPage + 1) * READS_PER_PAGE < reads);
        model.addAttribute("satisfactions", Ticket.Satisfaction.values());
        model.addAttribute("kinds", Ticket.Kind.values());
        model.addAttribute("langParam", lang == Lang.EN ? "en" : null);
    }

    /** Submitted, then what the audit log says happened to the application, in the order it happened. */
    private List<Event> timeline(ApplicationView a) {
        List<Event> events = new ArrayList<>();
        events.add(new Event(a.createdAt(), "me.event.SUBMITTED"));
        List<AuditLog.Entry> entries = new ArrayList<>(audit.recent(1000, null, "application/" + a.id()));
        if (a.certificate() != null) {
            entries.addAll(audit.recent(1000, "CERTIFICATE_REVOKED", "certificate/" + a.certificate().id()));
        }
        entries.stream().sorted(Comparator.comparing(AuditLog.Entry::id))
                .map(e -> new Event(e.at(), "me.event." + e.action()))
                .filter(e -> messages.getMessage(e.key(), null, null, Locale.SIMPLIFIED_CHINESE) != null)
                .forEach(events::add);
        return events;
    }

    private static List<String> rulesOf(ApplicationView a) {
        return a.decision() == null ? List.of() : a.decision().reasons().stream().map(r -> r.rule()).distinct().toList();
    }

    @PostMapping("/me/applications/{id}/tickets")
    String raise(@PathVariable String id, @RequestParam(required = false) String text,
                 @RequestParam(required = false) String kind, @RequestParam(required = false) String rule,
                 HttpServletRequest request, HttpServletResponse response, Authentication login, Model model) {
        Subject subject = applicants.of(login);
        Lang lang = Lang.ofQuery(request.getQueryString());
        try {
            UUID application = UUID.fromString(id);
            Ticket.Kind k = "COMPLAINT".equals(kind) ? Ticket.Kind.COMPLAINT : Ticket.Kind.QUESTION;
            Ticket raised = tickets.raise(new Tickets.RaiseCommand(subject, application, k, text,
                    rule == null || rule.isBlank() ? null : rule));
            return "redirect:/me" + query(lang, "raised=" + raised.id()) + "#ticket-" + raised.id();
        } catch (ApiProblem | SubmitApplication.Refused | IllegalArgumentException e) {
            String code = e instanceof ApiProblem p ? p.code() : "APPLICATION_NOT_FOUND";
            response.setStatus(e instanceof ApiProblem p ? p.status().value() : 404);
            model.addAttribute("ticketError", code);
            model.addAttribute("ticketErrorFor", id);
            model.addAttribute("typedText", text);
            fill(model, subject, 0, 0, lang);
            return "me/page";
        }
    }

    @PostMapping("/me/tickets/{id}/rating")
    String rate(@PathVariable String id, @RequestParam(required = false) String application,
                @RequestParam(required = false) String satisfaction, HttpServletRequest request,
                HttpServletResponse response, Authentication login, Model model) {
        Subject subject = applicants.of(login);
        Lang lang = Lang.ofQuery(request.getQueryString());
        try {
            tickets.rate(subject, UUID.fromString(application == null ? "" : application), UUID.fromString(id),
                    Ticket.Satisfaction.valueOf(satisfaction == null ? "" : satisfaction));
            return "redirect:/me" + query(lang, "rated=" + id) + "#ticket-" + id;
        } catch (ApiProblem | IllegalArgumentException e) {
            response.setStatus(e instanceof ApiProblem p ? p.status().value() : 400);
            model.addAttribute("ratingError", e instanceof ApiProblem p ? p.code() : "INVALID_SATISFACTION");
            model.addAttribute("ratingErrorFor", id);
            fill(model, subject, 0, 0, lang);
            return "me/page";
        }
    }

    private static String query(Lang lang, String param) {
        return lang == Lang.EN ? "?lang=en&" + param : "?" + param;
    }

    /** A sealed document of the subject's own applications (certificate or notice); another's is not found. */
    @GetMapping("/me/documents/{id}")
    ResponseEntity<byte[]> document(@PathVariable String id, Authentication login) {
        Subject subject = applicants.of(login);
        UUID document;
        try {
            document = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.notFound().build();
        }
        ECertificate found = archive.certificates().find(document).filter(c -> c.holder().equals(subject.id()))
                .orElse(null);
        if (found == null) {
            return ResponseEntity.notFound().build();
        }
        byte[] pdf = archive.certificates().newestContent(found.id()).orElseThrow();
        audit.record(login.getName(), "CERTIFICATE_DOWNLOADED", "certificate/" + found.id(), null);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + found.type() + "-"
                        + found.number() + ".pdf\"")
                .body(pdf);
    }
}
