package tongban.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.acceptance.ApplicationView;
import tongban.acceptance.SubmitApplication;
import tongban.identity.Subject;
import tongban.platform.ApiProblem;
import tongban.platform.Paging;
import tongban.platform.Reason;
import tongban.rules.Decision;

/**
 * Tickets of the 12345 hotline (工单): an applicant raises one about their own application, an agent answers and
 * closes it, the applicant rates the answer. Each change is one conditional statement with its audit entry in one
 * transaction, so two agents (or a double click) never answer or close twice; repeating the same act returns the
 * ticket as it stands.
 */
@Component
public class Tickets {

    public static final int MAX_TEXT = 2000;

    /** Raising a ticket: about this application, of this kind, this text, optionally about one rule of its decision. */
    public record RaiseCommand(Subject subject, UUID applicationId, Ticket.Kind kind, String text, String rule) {
    }

    /** The figures of the agent dashboard, like the seed's 问题解决率 and 回访满意度; rates are null with no tickets. */
    public record Figures(long total, long open, long answered, long closed, long resolved, long rated,
                          long satisfied, Double resolutionRate, Double satisfactionRate) {
    }

    private final JdbcClient jdbc;
    private final SubmitApplication applications;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Tickets(JdbcClient jdbc, SubmitApplication applications, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Raises a ticket on the subject's own application (another's is not found); the same text of the same kind again
     * is the same ticket. The rule, when named, must be one the application's decision used.
     */
    public Ticket raise(RaiseCommand command) {
        String text = Reason.text(command.text(), MAX_TEXT, "$.text", "TICKET_TEXT_REQUIRED", "INVALID_TICKET_TEXT");
        ApplicationView application = applications.find(command.subject(), command.applicationId());
        if (command.rule() != null && !rulesOf(application.decision()).contains(command.rule())) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_RULE", "the rule '" + command.rule()
                    + "' is not one the application's decision used; leave it out or choose one of " + rulesOf(
                    application.decision()), "$.rule", List.of());
        }
        UUID id = UUID.randomUUID();
        return transaction.execute(tx -> {
            int inserted = jdbc.sql("insert into ticket (id, application_id, subject_id, item, kind, text, rule, status, "
                            + "created_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) on conflict do nothing")
                    .params(id, application.id(), command.subject().id(), application.item(), command.kind().name(), text,
                            command.rule(), Timestamp.from(clock.instant())).update();
            if (inserted == 0) {
                return jdbc.sql("select * from ticket where application_id = ? and kind = ? and md5(text) = md5(?)")
                        .params(application.id(), command.kind().name(), text).query(Tickets::ticket).single();
            }
            Map<String, Object> detail = new HashMap<>();
            detail.put("application", application.id().toString());
            detail.put("kind", command.kind().name());
            if (command.rule() != null) {
                detail.put("rule", command.rule());
            }
            events.publishEvent(TicketAction.on(command.subject().username(), "TICKET_RAISED", id, detail));
            return find(id).orElseThrow();
        });
    }

    /** The rules a decision names: the reasons' rules and every rule that fired. */
    static List<String> rulesOf(Decision decision) {
        if (decision == null) {
            return List.of();
        }
        return java.util.stream.Stream.concat(decision.reasons().stream().map(Decision.DecisionReason::rule),
                decision.trace().stream().map(Decision.TraceEntry::rule)).distinct().toList();
    }

    /** The subject's tickets, newest first. */
    public List<Ticket> ofSubject(Subject subject) {
        return jdbc.sql("select * from ticket where subject_id = ? order by created_at desc").param(subject.id())
                .query(Tickets::ticket).list();
    }

    /** The tickets of one application, oldest first (for the agent, who has already been let see the application). */
    public List<Ticket> ofApplication(UUID applicationId) {
        return jdbc.sql("select * from ticket where application_id = ? order by created_at").param(applicationId)
                .query(Tickets::ticket).list();
    }

    /** The applicant rates the answer to their own ticket once: 满意, 基本满意 or 不满意. */
    public Ticket rate(Subject subject, UUID applicationId, UUID id, Ticket.Satisfaction satisfaction) {
        Ticket ticket = jdbc.sql("select * from ticket where id = ? and subject_id = ? and application_id = ?")
                .params(id, subject.id(), applicationId)
                .query(Tickets::ticket).optional().orElseThrow(() -> notFound(id));
        if (!ticket.answered()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "TICKET_NOT_ANSWERED", "a ticket is rated once it is answered");
        }
        return transaction.execute(tx -> {
            int rated = jdbc.sql("update ticket set satisfaction = ?, rated_at = ? where id = ? and satisfaction is null")
                    .params(satisfaction.name(), Timestamp.from(clock.instant()), id).update();
            Ticket now = find(id).orElseThrow();
            if (rated == 0) {
                if (now.satisfaction() == satisfaction) {
                    return now;
                }
                throw new ApiProblem(HttpStatus.CONFLICT, "TICKET_ALREADY_RATED", "this ticket was rated "
                        + now.satisfaction() + " already; a rating is given once");
            }
            events.publishEvent(TicketAction.on(subject.username(), "TICKET_RATED", id,
                    Map.of("satisfaction", satisfaction.name())));
            return now;
        });
    }

    /** The agent's queue: open tickets first, then answered ones, then closed; oldest first within each. */
    public List<Ticket> queue(Ticket.Status status, Paging paging) {
        return jdbc.sql("select * from ticket where (cast(? as text) is null or status = ?) "
                        + "order by case status when 'OPEN' then 0 when 'ANSWERED' then 1 else 2 end, created_at "
                        + "offset ? limit ?")
                .params(status == null ? null : status.name(), status == null ? null : status.name(), paging.offset(),
                        paging.size())
                .query(Tickets::ticket).list();
    }

    public long count(Ticket.Status status) {
        return jdbc.sql("select count(*) from ticket where (cast(? as text) is null or status = ?)")
                .params(status == null ? null : status.name(), status == null ? null : status.name())
                .query(Long.class).single();
    }

    /** An agent answers an open or answered ticket (a second answer replaces the first); a closed one stays closed. */
    public Ticket answer(String agent, UUID id, String text) {
        String answer = Reason.text(text, MAX_TEXT, "$.answer", "ANSWER_REQUIRED", "INVALID_ANSWER");
        find(id).orElseThrow(() -> notFound(id));
        return transaction.execute(tx -> {
            Ticket before = find(id).orElseThrow();
            if (answer.equals(before.answer())) {
                return before;
            }
            int done = jdbc.sql("update ticket set status = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ? "
                            + "where id = ? and status <> 'CLOSED'")
                    .params(answer, agent, Timestamp.from(clock.instant()), id).update();
            if (done == 0) {
                throw closed(id);
            }
            events.publishEvent(TicketAction.on(agent, "TICKET_ANSWERED", id, null));
            return find(id).orElseThrow();
        });
    }

    /**
     * An agent closes an answered ticket, saying whether the problem was resolved, with the applicant's satisfaction
     * when a follow-up call (回访) got it and the applicant gave none online.
     */
    public Ticket close(String agent, UUID id, boolean resolved, Ticket.Satisfaction satisfaction) {
        Ticket ticket = find(id).orElseThrow(() -> notFound(id));
        if (ticket.status() == Ticket.Status.CLOSED) {
            if (ticket.resolved() == resolved) {
                return ticket;
            }
            throw closed(id);
        }
        if (!ticket.answered()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "TICKET_NOT_ANSWERED", "answer the ticket before closing it");
        }
        return transaction.execute(tx -> {
            int done = jdbc.sql("update ticket set status = 'CLOSED', closed_by = ?, closed_at = ?, resolved = ?, "
                            + "satisfaction = coalesce(satisfaction, cast(? as text)), "
                            + "rated_at = case when satisfaction is null and cast(? as text) is not null then ? "
                            + "else rated_at end "
                            + "where id = ? and status = 'ANSWERED'")
                    .params(agent, Timestamp.from(clock.instant()), resolved,
                            satisfaction == null ? null : satisfaction.name(),
                            satisfaction == null ? null : satisfaction.name(), Timestamp.from(clock.instant()), id)
                    .update();
            if (done == 0) {
                throw closed(id);
            }
            Map<String, Object> detail = new HashMap<>();
            detail.put("resolved", resolved);
            if (satisfaction != null) {
                detail.put("satisfaction", satisfaction.name());
            }
            events.publishEvent(TicketAction.on(agent, "TICKET_CLOSED", id, detail));
            return find(id).orElseThrow();
        });
    }

    public Figures figures() {
        return jdbc.sql("select count(*), count(*) filter (where status = 'OPEN'), "
                        + "count(*) filter (where status = 'ANSWERED'), count(*) filter (where status = 'CLOSED'), "
                        + "count(*) filter (where status = 'CLOSED' and resolved), count(satisfaction), "
                        + "count(*) filter (where satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')) from ticket")
                .query((rs, n) -> {
                    long closed = rs.getLong(4);
                    long rated = rs.getLong(6);
                    return new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), closed, rs.getLong(5), rated,
                            rs.getLong(7), closed == 0 ? null : (double) rs.getLong(5) / closed,
                            rated == 0 ? null : (double) rs.getLong(7) / rated);
                }).single();
    }

    public Optional<Ticket> find(UUID id) {
        return jdbc.sql("select * from ticket where id = ?").param(id).query(Tickets::ticket).optional();
    }

    static ApiProblem notFound(Object id) {
        return ApiProblem.notFound("TICKET_NOT_FOUND", "no ticket " + id);
    }

    private static ApiProblem closed(UUID id) {
        return new ApiProblem(HttpStatus.CONFLICT, "TICKET_CLOSED", "ticket " + id + " is closed");
    }

    private static Ticket ticket(ResultSet rs, int n) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        String satisfaction = rs.getString("satisfaction");
        Object resolved = rs.getObject("resolved");
        return new Ticket(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                rs.getString("item"), Ticket.Kind.valueOf(rs.getString("kind")), rs.getString("text"),
                rs.getString("rule"), Ticket.Status.valueOf(rs.getString("status")), rs.getString("answer"),
                answered == null ? null : answered.toInstant(), closed == null ? null : closed.toInstant(),
                (Boolean) resolved, satisfaction == null ? null : Ticket.Satisfaction.valueOf(satisfaction),
                rs.getTimestamp("created_at").toInstant());
    }
}
