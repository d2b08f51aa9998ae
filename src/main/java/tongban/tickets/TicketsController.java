package tongban.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tongban.acceptance.ApplicationStatus;
import tongban.acceptance.ApplicationView;
import tongban.acceptance.Applicants;
import tongban.acceptance.SubmitApplication;
import tongban.platform.ApiProblem;
import tongban.platform.Paging;
import tongban.rules.Decision;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.rules.vocabulary.Text;
import tools.jackson.databind.JsonNode;

/**
 * The 12345 hotline's API: applicants raise, list and rate tickets on their own applications; agents look applications
 * up (with a purpose), read the ticket queue and the dashboard's figures, answer and close tickets.
 */
@RestController
class TicketsController {

    private final Tickets tickets;
    private final AgentLookup lookup;
    private final Applicants applicants;
    private final SubmitApplication applications;
    private final RulePacks packs;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    TicketsController(Tickets tickets, AgentLookup lookup, Applicants applicants,
                      SubmitApplication applications, RulePacks packs,
                      MessageSource messages, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.lookup = lookup;
        this.applicants = applicants;
        this.applications = applications;
        this.packs = packs;
        this.messages = messages;
        this.events = events;
    }

    @PostMapping(path = "/api/v1/applications/{id}/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Ticket> raise(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        Tickets.RaiseCommand command = new Tickets.RaiseCommand(applicants.of(login), AgentLookup.uuid(id),
                kind(body.path("kind")), text(body.path("text")),
                rule(body.path("rule")));
        Ticket ticket = found(() -> tickets.raise(command));
        return ResponseEntity.status(HttpStatus.CREATED).body(ticket);
    }

    @GetMapping("/api/v1/applications/{id}/tickets")
    ResponseEntity<List<Ticket>> ofApplication(@PathVariable String id, @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String size, Authentication login) {
        Paging paging = Paging.of(page, size);
        ApplicationView application = found(() -> applications.find(applicants.of(login), AgentLookup.uuid(id)));
        List<Ticket> all = tickets.ofApplication(application.id());
        return paging.response(paging.of(all), all.size(), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @PostMapping(path = "/api/v1/applications/{id}/tickets/{ticket}/rating", consumes = MediaType.APPLICATION_JSON_VALUE)
    Ticket rate(@PathVariable String id, @PathVariable String ticket, @RequestBody JsonNode body, Authentication login) {
        Ticket.Satisfaction satisfaction = satisfaction(text(body.path("satisfaction")), true);
        return tickets.rate(applicants.of(login), AgentLookup.uuid(id), ticketId(ticket), satisfaction);
    }

    /** An agent's lookup: the applications, each explained in plain words, their documents (never their contents). */
    @GetMapping("/api/v1/agent/applications")
    ResponseEntity<List<AgentView>> lookup(@RequestParam(required = false) String applicationId,
                                           @RequestParam(required = false) String idNumber,
                                           @RequestParam(required = false) String purpose,
                                           @RequestParam(required = false) String page,
                                           @RequestParam(required = false) String size, Authentication login) {
        Paging paging = Paging.of(page, size);
        AgentLookup.Found found = lookup.lookup(new AgentLookup.LookupCommand(login.getName(), applicationId, idNumber,
                purpose, paging));
        return paging.response(found.matches().stream().map(this::view).toList(), found.total(),
                ServletUriComponentsBuilder.fromCurrentRequest());
    }

    /** The ticket queue, open tickets first; {@code status} filters. */
    @GetMapping("/api/v1/tickets")
    ResponseEntity<List<Ticket>> queue(@RequestParam(required = false) String status,
                                       @RequestParam(required = false) String page,
                                       @RequestParam(required = false) String size, Authentication login) {
        Paging paging = Paging.of(page, size);
        Ticket.Status filter = status(status);
        List<Ticket> found = tickets.queue(filter, paging);
        events.publishEvent(new TicketAction(login.getName(), "TICKETS_READ", "tickets",
                java.util.Map.of("page", paging.page(), "size", paging.size(), "shown", found.size())));
        return paging.response(found, tickets.count(filter), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping("/api/v1/tickets/figures")
    Tickets.Figures figures(Authentication login) {
        events.publishEvent(new TicketAction(login.getName(), "TICKETS_READ", "tickets/figures", null));
        return tickets.figures();
    }

    @PostMapping(path = "/api/v1/tickets/{id}/answer", consumes = MediaType.APPLICATION_JSON_VALUE)
    Ticket answer(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        return tickets.answer(login.getName(), ticketId(id),
                text(body.path("answer")));
    }

    @PostMapping(path = "/api/v1/tickets/{id}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
    Ticket close(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        if (!body.path("resolved").isBoolean()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "RESOLVED_REQUIRED",
                    "say whether the problem was resolved: \"resolved\": true or false", "$.resolved", List.of());
        }
        return tickets.close(login.getName(), ticketId(id), body.path("resolved").asBoolean(),
                satisfaction(text(body.path("satisfaction")), false));
    }

    /** What an agent sees of an application: no file names, hashes or contents of materials, no download links. */
    record AgentView(UUID id, String item, Text itemName, ApplicationStatus status, Instant createdAt, String applicant,
                     Explanation explanation, List<MaterialStatus> materials, List<Document> documents,
                     String certificateNumber, List<Ticket> tickets) {
    }

    record MaterialStatus(String code, Text name, Decision.MaterialStatus status) {
    }

    record Document(UUID id, String kind) {
    }

    AgentView view(AgentLookup.Match match) {
        ApplicationView a = match.application();
        java.util.Optional<ServiceItem> item = packs.item(a.item());
        return new AgentView(a.id(), a.item(), item.map(ServiceItem::name).orElse(null), a.status(), a.createdAt(),
                match.maskedSubject(), Explanation.of(a, item, messages),
                a.decision() == null ? List.of() : a.decision().materials().stream()
                        .map(m -> new MaterialStatus(m.code(), m.name(), m.status())).toList(),
                a.documents().stream().map(d -> new Document(d.id(), d.kind())).toList(),
                a.certificate() == null ? null : a.certificate().number(), match.tickets());
    }

    static Ticket.Kind kind(JsonNode kind) {
        if (kind.isMissingNode() || kind.isNull()) {
            return Ticket.Kind.QUESTION;
        }
        try {
            return Ticket.Kind.valueOf(kind.asString().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_TICKET_KIND", "kind is QUESTION or COMPLAINT",
                    "$.kind", List.of());
        }
    }

    private static String rule(JsonNode rule) {
        if (rule.isMissingNode() || rule.isNull()) {
            return null;
        }
        if (!rule.isString() || rule.asString().isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_RULE", "rule names a rule of the decision",
                    "$.rule", List.of());
        }
        return rule.asString();
    }

    static Ticket.Satisfaction satisfaction(String value, boolean required) {
        if (!required && value == null) {
            return null;
        }
        try {
            return Ticket.Satisfaction.valueOf(value);
        } catch (RuntimeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_SATISFACTION",
                    "satisfaction is SATISFIED (满意), BASICALLY_SATISFIED (基本满意) or DISSATISFIED (不满意)",
                    "$.satisfaction", List.of());
        }
    }

    /** A JSON member as text: null when absent or null, "" when not a string (refused by whoever reads it). */
    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : value.isString() ? value.asString() : "";
    }

    private static Ticket.Status status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return Ticket.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_TICKET_STATUS", "status is OPEN, ANSWERED or CLOSED",
                    "status", List.of());
        }
    }

    static UUID ticketId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Tickets.notFound(id);
        }
    }

    /** The acceptance use case's "not found" (another's application, or none) as the API's 404. */
    static <T> T found(Supplier<T> useCase) {
        try {
            return useCase.get();
        } catch (SubmitApplication.Refused e) {
            throw ApiProblem.notFound("APPLICATION_NOT_FOUND", e.getMessage());
        }
    }
}
