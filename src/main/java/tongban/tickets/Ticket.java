package tongban.tickets;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket (工单) of the 12345 hotline about one application: the applicant's text, the rule it is about if they named
 * one, the agent's answer, whether closing found it resolved, and the applicant's satisfaction.
 */
public record Ticket(UUID id, UUID applicationId, String item, Kind kind, String text, String rule, Status status,
                     String answer, Instant answeredAt, Instant closedAt, Boolean resolved, Satisfaction satisfaction,
                     Instant createdAt) {

    /** 问题 (a question) or 投诉 (a complaint). */
    public enum Kind { QUESTION, COMPLAINT }

    public enum Status { OPEN, ANSWERED, CLOSED }

    /** 满意, 基本满意, 不满意: the first two count as satisfied in 回访满意度. */
    public enum Satisfaction { SATISFIED, BASICALLY_SATISFIED, DISSATISFIED }

    public boolean answered() {
        return answer != null;
    }
}
