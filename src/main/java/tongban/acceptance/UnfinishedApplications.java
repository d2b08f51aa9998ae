package tongban.acceptance;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;

/**
 * Resumes applications left PROCESSING by a node that died (their lease ran out), on start-up and every
 * {@code tongban.applications.resume-interval}, on whichever node claims them first (SKIP LOCKED and the lease
 * keep two nodes off the same one). One that keeps failing is failed cleanly after
 * {@code tongban.applications.max-attempts}: the applicant sees FAILED and the same request sent again retries it.
 */
@Component
class UnfinishedApplications {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedApplications.class);

    private final ApplicationStore applications;
    private final Issuance issuance;
    private final Leases leases;
    private final int maxAttempts;
    private final Duration retryAfter;

    UnfinishedApplications(ApplicationStore applications, Issuance issuance, Leases leases,
                           @Value("${tongban.applications.max-attempts:5}") int maxAttempts,
                           @Value("${tongban.applications.resume-interval:30s}") Duration retryAfter) {
        this.applications = applications;
        this.issuance = issuance;
        this.leases = leases;
        this.maxAttempts = maxAttempts;
        this.retryAfter = retryAfter;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${tongban.applications.resume-interval:30s}")
    void resume() {
        int resumed = 0;
        try {
            Optional<Row> next;
            while ((next = applications.claimAbandoned(leases.owner(), leases.duration())).isPresent()) {
                Row row = next.get();
                if (row.attempts() > maxAttempts) {
                    log.warn("application {} failed after {} attempts; a retry of its request tries again", row.id(),
                            row.attempts() - 1);
                    issuance.fail(row, "gave up after " + (row.attempts() - 1) + " attempts");
                    continue;
                }
                try {
                    leases.holding(row.id(), () -> issuance.process(row, Optional.empty()));
                    resumed++;
                } catch (RuntimeException e) {
                    log.warn("application {} could not be resumed (attempt {}): {}", row.id(), row.attempts(), e.toString());
                    applications.release(row.id(), leases.owner(), retryAfter);
                }
            }
        } catch (RuntimeException e) {
            // the database is away; the next run tries again
            log.warn("cannot look for unfinished applications: {}", e.getMessage());
        }
        if (resumed > 0) {
            log.info("resumed {} unfinished applications", resumed);
        }
    }
}
