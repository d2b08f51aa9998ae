package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tongban.archive.Archive;
import tongban.archive.AuditReport;

/** One fixity audit at a time across nodes: a second node (another runner on the same database) skips while one runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the context the other storage tests use
class AuditLockTests {

    @Autowired
    Archive archive;
    @Autowired
    DataSource dataSource;

    @Test
    void whileAnotherNodeHoldsTheAuditLockNoRunStartsAndOneStartsOnceItIsFree() throws Exception {
        AuditRunner thisNode = new AuditRunner(archive, dataSource);
        try {
            try (Connection otherNode = dataSource.getConnection()) {
                takeWhenFree(otherNode); // an audit of another test may still be running
                try {
                    assertThat(thisNode.start()).isEmpty();
                } finally {
                    assertThat(lock(otherNode, "pg_advisory_unlock")).isTrue();
                }
            }

            Optional<UUID> started = thisNode.start();
            for (Instant deadline = Instant.now().plus(Duration.ofMinutes(2)); started.isEmpty(); started = thisNode.start()) {
                assertThat(Instant.now()).as("another audit holds the lock for 2 minutes").isBefore(deadline);
                Thread.sleep(50);
            }
            UUID id = started.get();
            AuditReport run = finished(id);
            assertThat(run.state()).isEqualTo(AuditReport.State.FINISHED);
            // the lock goes with the run: another node may take it then
            try (Connection otherNode = dataSource.getConnection()) {
                takeWhenFree(otherNode);
                assertThat(lock(otherNode, "pg_advisory_unlock")).isTrue();
            }
        } finally {
            thisNode.stop();
        }
    }

    private static void takeWhenFree(Connection connection) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!lock(connection, "pg_try_advisory_lock")) {
            assertThat(Instant.now()).as("the audit lock is held for 2 minutes").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static boolean lock(Connection connection, String function) throws Exception {
        try (PreparedStatement call = connection.prepareStatement("select " + function + "(?, ?)")) {
            call.setInt(1, AuditRunner.LOCK_SPACE);
            call.setInt(2, AuditRunner.FIXITY_AUDIT);
            try (var row = call.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private AuditReport finished(UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Optional<AuditReport> run = archive.fixity().find(id);
            if (run.isPresent() && run.get().state() != AuditReport.State.RUNNING) {
                return run.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("audit " + id + " did not finish in 2 minutes");
    }
}
