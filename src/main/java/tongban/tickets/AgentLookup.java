package tongban.tickets;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.acceptance.ApplicationView;
import tongban.acceptance.SubmitApplication;
import tongban.identity.CreditCode;
import tongban.identity.DataAccessLog;
import tongban.identity.ResidentIdNumber;
import tongban.identity.Subject;
import tongban.identity.SubjectKind;
import tongban.platform.ApiProblem;
import tongban.platform.Paging;
import tongban.platform.Reason;
import tongban.platform.Roles;

/**
 * A 12345 agent looks an application up (查询), by its id or by the applicant's ID number (resident ID or unified social
 * credit code), always for a stated purpose: each application shown is logged in the data access log (the applicant
 * sees it under "who read my data") and in the audit log, in one transaction, before it is shown.
 */
@Component
public class AgentLookup {

    public static final int MAX_PURPOSE = 200;
    /** What an agent sees of an application: logged as the fields read. */
    static final List<String> FIELDS_SHOWN = List.of("application.status", "application.decision",
            "application.documents", "tickets");

    /** What the agent asked: exactly one of {@code applicationId} and {@code idNumber}, and the purpose. */
    public record LookupCommand(String agent, String applicationId, String idNumber, String purpose, Paging paging) {
    }

    /** An application found, with the applicant's masked id and its tickets; {@code total} counts every match. */
    public record Found(List<Match> matches, long total) {
    }

    public record Match(ApplicationView application, String maskedSubject, List<Ticket> tickets) {
    }

    private final JdbcClient jdbc;
    private final SubmitApplication applications;
    private final Tickets tickets;
    private final DataAccessLog accessLog;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    AgentLookup(JdbcClient jdbc, SubmitApplication applications, Tickets tickets, DataAccessLog accessLog,
                ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.tickets = tickets;
        this.accessLog = accessLog;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Found lookup(LookupCommand command) {
        String purpose = Reason.text(command.purpose(), MAX_PURPOSE, "purpose", "PURPOSE_REQUIRED", "INVALID_PURPOSE");
        boolean byId = command.applicationId() != null && !command.applicationId().isBlank();
        boolean byNumber = command.idNumber() != null && !command.idNumber().isBlank();
        if (byId == byNumber) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "LOOKUP_KEY_REQUIRED",
                    "give exactly one of applicationId and idNumber", byId ? "idNumber" : "applicationId", List.of());
        }
        List<ApplicationView> all;
        String subjectId;
        if (byId) {
            UUID id = uuid(command.applicationId());
            subjectId = jdbc.sql("select subject_id from application where id = ?").param(id).query(String.class)
                    .optional().map(String::strip).orElse(null);
            if (subjectId == null) {
                audit(command.agent(), "application/" + id, purpose, false);
                throw ApiProblem.notFound("APPLICATION_NOT_FOUND", "no application " + command.applicationId());
            }
            all = List.of(applications.find(subjectOf(subjectId), id));
        } else {
            subjectId = idNumber(command.idNumber());
            all = applications.list(subjectOf(subjectId));
        }
        List<ApplicationView> page = command.paging().of(all);
        String masked = subjectOf(subjectId).maskedId();
        transaction.executeWithoutResult(tx -> {
            if (page.isEmpty()) {
                audit(command.agent(), "subject/" + masked, purpose, false);
            }
            for (ApplicationView a : page) {
                accessLog.staffRead(command.agent(), Roles.AGENT, subjectId, a.item(), a.id(), purpose, FIELDS_SHOWN);
                audit(command.agent(), "application/" + a.id(), purpose, true);
            }
        });
        return new Found(page.stream().map(a -> new Match(a, masked, tickets.ofApplication(a.id()))).toList(),
                all.size());
    }

    private void audit(String agent, String target, String purpose, boolean found) {
        events.publishEvent(new TicketAction(agent, "AGENT_LOOKUP", target, Map.of("purpose", purpose, "found", found)));
    }

    /** The use case finds by subject id only; the login name is not needed to read. */
    private static Subject subjectOf(String subjectId) {
        return new Subject("", isCreditCode(subjectId) ? SubjectKind.ORGANISATION : SubjectKind.PERSON, subjectId);
    }

    private static String idNumber(String value) {
        String v = value.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            return ResidentIdNumber.parse(v).value();
        } catch (RuntimeException notAPerson) {
            try {
                return CreditCode.parse(v).value();
            } catch (RuntimeException notAnOrganisation) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_ID_NUMBER",
                        "idNumber is an 18-character resident ID number or unified social credit code with a valid "
                                + "check character", "idNumber", List.of());
            }
        }
    }

    private static boolean isCreditCode(String id) {
        try {
            ResidentIdNumber.parse(id);
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("APPLICATION_NOT_FOUND", "no application " + id);
        }
    }
}
