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
        AuditRunner thisNode = new AuditRunner(archive, dataSource, "-");
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

    @Test
    void aFireTimeRunsOnceAcrossNodesEvenWhenAnotherNodeFiresAfterTheRunEnded() throws Exception {
        int key = 1000 + (int) (Math.random() * 1000); // a lock of this test's own
        String name = "test job " + UUID.randomUUID();
        ClusterJob nodeA = new ClusterJob(dataSource, name, key);
        ClusterJob nodeB = new ClusterJob(dataSource, name, key);
        try {
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
            Instant fireTime = Instant.parse("2026-12-04T02:30:00Z");
            Optional<UUID> first = nodeA.startScheduled(fireTime, id -> {
                runs.incrementAndGet();
                ran.countDown();
            });
            assertThat(first).isPresent();
            assertThat(ran.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            // node b's schedule fires late, after node a's run has ended and released the lock: it skips all the same
            for (Instant deadline = Instant.now().plus(Duration.ofMinutes(1)); !lockIsFree(key); Thread.sleep(50)) {
                assertThat(Instant.now()).as("node a's run holds the lock for a minute").isBefore(deadline);
            }
            assertThat(nodeB.startScheduled(fireTime, id -> runs.incrementAndGet())).isEmpty();
            assertThat(runs).hasValue(1);
            try (Connection c = dataSource.getConnection(); PreparedStatement claims = c.prepareStatement(
                    "select run_id, node from cluster_job_run where job = ?")) {
                claims.setString(1, name);
                try (var row = claims.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getObject(1)).isEqualTo(first.get());
                    assertThat(row.getString(2)).contains("@");
                    assertThat(row.next()).isFalse();
                }
            }
            // the next fire time is another run
            java.util.concurrent.CountDownLatch next = new java.util.concurrent.CountDownLatch(1);
            assertThat(nodeB.startScheduled(fireTime.plus(Duration.ofDays(1)), id -> next.countDown())).isPresent();
            assertThat(next.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        } finally {
            nodeA.close();
            nodeB.close();
        }
    }

    private boolean lockIsFree(int key) throws Exception {
        try (Connection probe = dataSource.getConnection(); PreparedStatement call = probe.prepareStatement(
                "select pg_try_advisory_lock(?, ?), pg_advisory_unlock_all()")) {
            call.setInt(1, ClusterJob.LOCK_SPACE);
            call.setInt(2, key);
            try (var row = call.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
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
