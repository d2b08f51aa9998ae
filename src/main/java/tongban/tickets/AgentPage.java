package tongban.tickets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tongban.platform.ApiProblem;
import tongban.platform.Paging;
import tongban.web.Lang;
import tongban.web.PageController;

/**
 * The 12345 agent's workbench ({@code /agent}): the dashboard's figures (问题解决率, 回访满意度), the ticket queue with
 * answer and close forms, and the lookup of an application (by its id or the applicant's ID number, with a purpose;
 * posted, so the ID number never stands in a URL or a browser's history).
 */
@PageController
class AgentPage {

    static final int QUEUE_PAGE = 10;

    private final Tickets tickets;
    private final AgentLookup lookup;
    private final TicketsController api;
    private final ApplicationEventPublisher events;

    AgentPage(Tickets tickets, AgentLookup lookup, TicketsController api, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.lookup = lookup;
        this.api = api;
        this.events = events;
    }

    @GetMapping("/agent")
    String page(@RequestParam(required = false) String page, @RequestParam(required = false) String ticket,
                Authentication login, Model model) {
        fill(model, login, Paging.pageOrFirst(page), ticket);
        return "agent/page";
    }

    /** The figures and a page of the queue, or only {@code ticket} when one is asked for (from a lookup's result). */
    private void fill(Model model, Authentication login, int page, String ticket) {
        Paging paging = new Paging(page, QUEUE_PAGE);
        Optional<Ticket> selected = ticket == null ? Optional.empty()
                : parse(ticket).flatMap(tickets::find);
        List<Ticket> queue = selected.map(List::of).orElseGet(() -> tickets.queue(null, paging));
        events.publishEvent(selected.map(t -> TicketAction.on(login.getName(), "TICKETS_READ", t.id(), null))
                .orElseGet(() -> new TicketAction(login.getName(), "TICKETS_READ", "tickets",
                        Map.of("page", page, "size", QUEUE_PAGE, "shown", queue.size()))));
        model.addAttribute("figures", tickets.figures());
        model.addAttribute("queue", queue);
        model.addAttribute("selectedTicket", selected.isPresent());
        model.addAttribute("queuePage", page);
        model.addAttribute("queueNext", selected.isEmpty() && paging.offset() + queue.size() < tickets.count(null));
        model.addAttribute("satisfactions", Ticket.Satisfaction.values());
    }

    @PostMapping("/agent/lookup")
    String lookup(@RequestParam(required = false) String key, @RequestParam(required = false) String value,
                  @RequestParam(required = false) String purpose, HttpServletResponse response,
                  Authentication login, Model model) {
        boolean byNumber = "idNumber".equals(key);
        model.addAttribute("lookupKey", byNumber ? "idNumber" : "applicationId");
        model.addAttribute("lookupValue", value);
        model.addAttribute("lookupPurpose", purpose);
        try {
            AgentLookup.Found found = lookup.lookup(new AgentLookup.LookupCommand(login.getName(),
                    byNumber ? null : blankToNull(value), byNumber ? blankToNull(value) : null, purpose,
                    new Paging(0, Paging.MAX_SIZE)));
            model.addAttribute("found", found.matches().stream().map(api::view).toList());
            model.addAttribute("foundTotal", found.total());
        } catch (ApiProblem e) {
            response.setStatus(e.status().value());
            model.addAttribute("lookupError", e.code());
            model.addAttribute("lookupErrorField", "purpose".equals(e.field()) ? "purpose" : "lookup-value");
        }
        fill(model, login, 0, null);
        return "agent/page";
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @PostMapping("/agent/tickets/{id}/answer")
    String answer(@PathVariable String id, @RequestParam(required = false) String answer, HttpServletRequest request,
                  HttpServletResponse response, Authentication login, Model model) {
        try {
            tickets.answer(login.getName(), TicketsController.ticketId(id), answer);
            return "redirect:/agent" + query(request, "ticket=" + id + "&answered=" + id) + "#queue-ticket-" + id;
        } catch (ApiProblem e) {
            return refused(e, id, answer, response, login, model);
        }
    }

    @PostMapping("/agent/tickets/{id}/close")
    String close(@PathVariable String id, @RequestParam(required = false) String resolved,
                 @RequestParam(required = false) String satisfaction, HttpServletRequest request,
                 HttpServletResponse response, Authentication login, Model model) {
        try {
            if (!"true".equals(resolved) && !"false".equals(resolved)) {
                throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "RESOLVED_REQUIRED",
                        "say whether the problem was resolved");
            }
            Ticket.Satisfaction given = TicketsController.satisfaction(
                    satisfaction == null || satisfaction.isEmpty() ? null : satisfaction, false);
            tickets.close(login.getName(), TicketsController.ticketId(id), Boolean.parseBoolean(resolved), given);
            return "redirect:/agent" + query(request, "ticket=" + id + "&closed=" + id) + "#queue-ticket-" + id;
        } catch (ApiProblem e) {
            return refused(e, id, null, response, login, model);
        }
    }

    private String refused(ApiProblem e, String id, String typed, HttpServletResponse response, Authentication login,
                           Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("ticketError", e.code());
        model.addAttribute("ticketErrorFor", id);
        model.addAttribute("typedAnswer", typed);
        fill(model, login, 0, id);
        return "agent/page";
    }

    private static String query(HttpServletRequest request, String param) {
        return Lang.ofQuery(request.getQueryString()) == Lang.EN ? "?lang=en&" + param : "?" + param;
    }
}
