package tongban.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.support.Burst;
import tongban.support.Burst.Answer;
import tongban.support.Burst.Submission;
import tongban.support.Figures;
import tongban.support.Fixtures;

/**
 * PostgreSQL stops and starts again under load (issue 12): while it is away every answer is 503 with Retry-After
 * (never a 500, never a hang past the pool's connection timeout), and once it is back the application recovers by
 * itself: new submissions are issued, and every one cut off by the outage is finished (by the resumer or its retry)
 * with exactly one certificate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tongban.applications.lease=2s", "tongban.applications.resume-interval=1s"})
class PostgresRestartTests {

    private static final String REGISTER = """
            { "item": "individual-business-registration",
              "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" } }""";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws Exception {
        // its own server: stopping the shared one would disturb the other test contexts
        Path data = tongban.support.TempFolders.create("tongban-pg-restart");
        registry.add("tongban.data-dir", data::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgresServer postgres;
    @Autowired
    JdbcClient jdbc;

    record Timed(Answer answer, long sentAt, long answeredAt) {
    }

    @Test
    void anOutageIsAnswered503WithRetryAfterAndTheApplicationRecoversByItself() throws Exception {
        byte[] lease = Fixtures.pdf("lease for a database restart");
        List<Timed> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long origin = System.nanoTime();
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    Submission s = new Submission("zhangsan", "pg-" + UUID.randomUUID(), REGISTER, "premises-proof", lease);
                    long sent = System.nanoTime();
                    Answer a = Burst.one(port, s, Duration.ofSeconds(30));
                    answers.add(new Timed(a, sent - origin, System.nanoTime() - origin));
                    if (a.status() != 201) {
                        sleep(200);
                    }
                }
            });
        }
        long warmUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (answers.stream().filter(t -> t.answer().status() == 201).count() < 4 && System.nanoTime() < warmUp) {
            sleep(100);
        }
        long stoppedAt = System.nanoTime() - origin;
        postgres.stop();
        sleep(4000);
        long restartedAt = System.nanoTime() - origin;
        postgres.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answers.stream().noneMatch(t -> t.answer().status() == 201 && t.sentAt() > restartedAt)
                && System.nanoTime() < deadline) {
            sleep(100);
        }
        sleep(3000);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Answer> all = answers.stream().map(Timed::answer).toList();
        long recovered = answers.stream().filter(t -> t.answer().status() == 201 && t.sentAt() > restartedAt)
                .mapToLong(Timed::answeredAt).min().orElseThrow() - restartedAt;
        Figures.record("postgres-restart", "4 clients, PostgreSQL down " + (restartedAt - stoppedAt) / 1_000_000
                + " ms: " + Burst.byStatus(all) + "; first 201 sent after the restart answered "
                + recovered / 1_000_000 + " ms after it; slowest answer " + Burst.slowest(all).toMillis() + " ms");
        assertThat(all).allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isIn(201, 503);
            if (a.status() == 503) {
                assertThat(a.retryAfter()).as("%s", a).isPresent();
            }
        });
        // 503 only around the outage: nothing sent once the application had recovered failed
        long recoveredAt = restartedAt + recovered;
        assertThat(answers).filteredOn(t -> t.sentAt() > recoveredAt || t.answeredAt() < stoppedAt)
                .allSatisfy(t -> assertThat(t.answer().status()).as("%s", t).isEqualTo(201));

        // every submission the outage cut off ends with one certificate, by the resumer or by sending it again
        for (Answer a : all) {
            if (a.status() != 201) {
                Answer again = Burst.one(port, a.sent(), Duration.ofSeconds(30));
                for (int i = 0; i < 10 && again.status() != 201; i++) {
                    sleep(1000);
                    again = Burst.one(port, a.sent(), Duration.ofSeconds(30));
                }
                assertThat(again.status()).as("%s", again).isEqualTo(201);
                assertThat(again.applicationStatus()).isEqualTo("ISSUED");
            }
        }
        assertThat(jdbc.sql("select count(*) from application where status <> 'ISSUED'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from archive_certificate c where not exists (select 1 from application a "
                + "where a.certificate_id = c.id)").query(Long.class).single()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
