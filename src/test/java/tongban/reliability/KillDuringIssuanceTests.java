package tongban.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tongban.platform.Json;
import tongban.support.Burst;
import tongban.support.Burst.Answer;
import tongban.support.Burst.Submission;
import tongban.support.Figures;
import tongban.support.Fixtures;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 in the middle of issuance (issue 12): the real application runs as a separate JVM on its own data folder and
 * a free port; a burst of submissions is sent and the JVM is killed with SIGKILL the moment its log shows a chosen
 * step (reserving the number, rendering, sealing, the certificate's S3 upload and registry write, the package's,
 * recording the result; once while it resumes on start-up; once at a plain moment after the burst starts). Each
 * restart must succeed at once (the killed JVM's PostgreSQL is still running and is stopped by the new one), the
 * application must finish what was left by itself, and then: every key one application, at most one certificate
 * each, no certificate without its application, no registered object missing, audit entries for every issued
 * document. At the end every key is sent again and each gets its one certificate.
 */
class KillDuringIssuanceTests {

    private static final String HOLDER = "310101199001011234";
    private static final String REGISTER = """
            { "item": "individual-business-registration",
              "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general"],
                        "premisesAddress": "上海市黄浦区南京东路1号" } }""";
    private static final Pattern POSTGRES_PORT = Pattern.compile("embedded PostgreSQL on localhost:(\\d+)");

    /** Where to kill: a line of the application's log, and which occurrence of it. */
    record KillPoint(String name, String logLine, int occurrence) {
    }

    private static final List<KillPoint> POINTS = List.of(
            new KillPoint("number reserved", " reserved", 2),
            new KillPoint("render", "rendering certificate", 2),
            new KillPoint("seal", "sealing document", 3),
            new KillPoint("certificate S3 upload", "writing tongban-certificates/", 2),
            new KillPoint("certificate registry write", "registering tongban-certificates/", 3),
            new KillPoint("package bagging", "archiving package", 2),
            new KillPoint("package S3 upload", "writing tongban-archive/", 3),
            new KillPoint("package registry write", "registering tongban-archive/", 2),
            new KillPoint("recording the result", "recording ISSUED", 2),
            new KillPoint("resuming on start-up (no burst)", "issuing its document", 1),
            new KillPoint("300 ms into a burst", null, 0));

    private static Path data;
    private static Child app;
    private static final byte[] LEASE = Fixtures.pdf("lease for kill -9");

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stopGracefully();
        }
    }

    @Test
    void killedAtElevenMomentsOfIssuingItNeverIssuesTwiceAndFinishesEverything() throws Exception {
        data = tongban.support.TempFolders.create("tongban-kill");
        tongban.support.TempFolders.deleteAtExit(data.resolveSibling(data.getFileName() + ".log"));
        List<String> keys = new ArrayList<>();
        Map<String, String> covered = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (KillPoint point : POINTS) {
            boolean resuming = point.name().startsWith("resuming");
            // armed from the start only to kill the resumer; otherwise once the restart has finished what was left
            app = Child.start(data, resuming ? point.logLine() : null, point.occurrence());
            String recovery = "killed while resuming";
            if (!app.killedAlready()) {
                Duration recovered = app.awaitNothingProcessing();
                if (!app.killedAlready()) {
                    recovery = "started in " + app.startup.toMillis() + " ms, nothing left PROCESSING "
                            + recovered.toMillis() + " ms after the start";
                    checkInvariants(app, keys, false);
                }
            }
            Map<String, Long> statuses = Map.of();
            if (!resuming) {
                app.arm(point.logLine(), point.occurrence());
                List<Submission> burst = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String key = "kill-" + UUID.randomUUID();
                    keys.add(key);
                    burst.add(new Submission("zhangsan", key, REGISTER, "premises-proof", LEASE));
                }
                // earlier keys sent again in the same burst: retries racing with new work
                keys.subList(Math.max(0, keys.size() - 10), keys.size() - 6).forEach(key ->
                        burst.add(new Submission("zhangsan", key, REGISTER, "premises-proof", LEASE)));
                int port = app.port;
                CompletableFuture<List<Answer>> answers = CompletableFuture.supplyAsync(() ->
                        Burst.send(port, burst, Duration.ofSeconds(60)));
                if (point.logLine() == null) {
                    Thread.sleep(300);
                    app.kill();
                    app.killedAt = "300 ms after the burst was sent";
                }
                statuses = Burst.byStatus(answers.get(90, TimeUnit.SECONDS));
                assertThat(statuses.keySet()).as("no 5xx but the cut-off ones").allMatch(s -> !s.startsWith("5"));
            }
            boolean hit = app.awaitKilled(Duration.ofSeconds(60));
            // the killed JVM's PostgreSQL still runs: what the kill left is read from it at once
            checkDatabase(app, keys, false);
            covered.put(point.name(), (hit ? "killed at it" : "not reached: killed after the burst") + " (" + app.killedAt
                    + "); before: " + recovery + "; answers " + statuses);
            Figures.record("kill-9", "kill at " + point.name() + ": " + covered.get(point.name()));
        }
        app = Child.start(data, null, 0);
        Duration recovered = app.awaitNothingProcessing();
        Figures.record("kill-9", "last restart: started in " + app.startup.toMillis() + " ms, nothing left PROCESSING "
                + recovered.toMillis() + " ms after the start");
        checkInvariants(app, keys, false);
        for (String key : keys) {
            Answer answer = retried(new Submission("zhangsan", key, REGISTER, "premises-proof", LEASE));
            assertThat(answer.status()).as("%s", answer).isEqualTo(201);
            assertThat(answer.applicationStatus()).isEqualTo("ISSUED");
        }
        checkInvariants(app, keys, true);
        Figures.record("kill-9", POINTS.size() + " kill points, " + covered.values().stream()
                .filter(v -> v.startsWith("killed at it")).count() + " hit at their step; " + keys.size()
                + " keys, each one application and one certificate; all rounds " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        assertThat(covered.values().stream().filter(v -> v.startsWith("killed at it")).count())
                .as("kill points reached: %s", covered).isGreaterThanOrEqualTo(10);
    }

    private static Answer retried(Submission s) throws InterruptedException {
        Answer answer = Burst.one(app.port, s, Duration.ofSeconds(60));
        for (int i = 0; i < 10 && (answer.status() == 409 || answer.status() == 503); i++) {
            Thread.sleep(1000L * Long.parseLong(answer.retryAfter().orElse("1")));
            answer = Burst.one(app.port, s, Duration.ofSeconds(60));
        }
        return answer;
    }

    /** The invariants of issue 12, read from the database and over the API; nothing may be left PROCESSING. */
    private static void checkInvariants(Child child, List<String> keys, boolean allSent) throws Exception {
        checkDatabase(child, keys, allSent);
        try (Connection db = child.database()) {
            assertThat(count(db, "select count(*) from application where status = 'PROCESSING'", null)).isZero();
            Set<String> issued = new HashSet<>(strings(db, "select certificate_id::text from application where status = 'ISSUED'"));
            JsonNode listed = child.get("/api/v1/certificates", "zhangsan");
            Set<String> listedIds = new HashSet<>(listed.findValuesAsString("id"));
            assertThat(listedIds).as("listed to the holder").isEqualTo(issued);
        }
        JsonNode reconciliation = child.get("/api/v1/archive/reconciliation", "operator");
        assertThat(reconciliation.path("missing").isEmpty()).as("%s", reconciliation).isTrue();
        assertThat(reconciliation.path("unclaimedDocuments").isEmpty()).as("%s", reconciliation).isTrue();
        Figures.record("kill-9", "  reconciliation: " + reconciliation.path("objectsListed").asLong() + " objects, "
                + reconciliation.path("recordsChecked").asLong() + " records, " + reconciliation.path("orphans").size()
                + " orphans reported");
    }

    /** What must hold even the instant after a kill: one application per key, no document without its application. */
    private static void checkDatabase(Child child, List<String> keys, boolean allSent) throws Exception {
        try (Connection db = child.database()) {
            for (String key : keys) {
                long applications = count(db, "select count(*) from application where idempotency_key = ?", key);
                assertThat(applications).as("applications of %s", key).isLessThanOrEqualTo(1);
                if (allSent) {
                    assertThat(applications).as("applications of %s", key).isEqualTo(1);
                }
            }
            // at most one certificate per application: every registered licence is the one its application reserved
            assertThat(count(db, "select count(*) from archive_certificate c where not exists (select 1 from application a"
                    + " where a.certificate_id = c.id or a.notice_id = c.id)", null)).as("unclaimed documents").isZero();
            assertThat(count(db, "select count(*) from archive_certificate where type = 'business-licence'", null))
                    .isEqualTo(count(db, "select count(*) from application a where exists (select 1 from "
                            + "archive_certificate c where c.id = a.certificate_id)", null));
            // the audit log has an entry for every issued certificate and finished application, once
            assertThat(count(db, "select count(*) from application a where a.status = 'ISSUED' and (select count(*) from"
                    + " audit_log l where l.action = 'APPLICATION_ISSUED' and l.target = 'application/' || a.id) <> 1", null))
                    .as("issued applications without exactly one audit entry").isZero();
            assertThat(count(db, "select count(*) from application a where a.status = 'ISSUED' and (select count(*) from"
                    + " audit_log l where l.action = 'CERTIFICATE_ISSUED' and l.target = 'document/' || a.certificate_id) <> 1",
                    null)).as("issued certificates without exactly one audit entry").isZero();
            assertThat(count(db, "select count(*) from audit_log l where l.action = 'CERTIFICATE_ISSUED' and not exists"
                    + " (select 1 from archive_certificate c where 'document/' || c.id = l.target)", null))
                    .as("audit entries of documents never registered").isZero();
        }
    }

    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    /** The application in a JVM of its own, killed with SIGKILL when its log shows the chosen line. */
    static final class Child {

        final Process process;
        final int port;
        volatile int postgresPort;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final CountDownLatch killed = new CountDownLatch(1);
        private final AtomicInteger seen = new AtomicInteger();
        private final long startedAt = System.nanoTime();
        private volatile String killAt;
        private volatile int occurrence;
        volatile Duration startup = Duration.ZERO;
        volatile String killedAt = "its line never came";

        private Child(Process process, int port, String killAt, int occurrence, Path log) {
            this.process = process;
            this.port = port;
            this.killAt = killAt;
            this.occurrence = occurrence;
            Thread reader = new Thread(() -> read(log), "child-log");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path data, String killAt, int occurrence) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = data.resolveSibling(data.getFileName() + ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx768m",
                    "-cp", System.getProperty("java.class.path"), "tongban.TongbanApplication",
                    "--server.port=" + port, "--tongban.data-dir=" + data,
                    "--tongban.applications.lease=3s", "--tongban.applications.resume-interval=1s",
                    "--tongban.verification.rate-limit.enabled=false", "--spring.main.banner-mode=off",
                    "--logging.level.tongban.acceptance=DEBUG", "--logging.level.tongban.archive.WriteOnce=DEBUG")
                    .redirectErrorStream(true).start();
            Child child = new Child(process, port, killAt, occurrence, log);
            if (!child.ready.await(180, TimeUnit.SECONDS)) {
                child.process.destroyForcibly();
                throw new IllegalStateException("the application did not start; see " + log);
            }
            return child;
        }

        /** Kills the process at the {@code occurrence}th log line containing {@code line} from now on. */
        void arm(String line, int occurrence) {
            seen.set(0);
            this.occurrence = occurrence;
            this.killAt = line;
        }

        private void read(Path log) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log,
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String at = killAt;
                    if (at != null && killed.getCount() > 0 && line.contains(at) && seen.incrementAndGet() == occurrence) {
                        kill();
                        killedAt = line.substring(Math.max(0, line.indexOf("] ", line.indexOf(" --- ") + 15) + 2));
                        out.println(">>> SIGKILL at: " + line);
                    }
                    Matcher m = POSTGRES_PORT.matcher(line);
                    if (m.find()) {
                        postgresPort = Integer.parseInt(m.group(1));
                    }
                    if (line.contains("Started TongbanApplication")) {
                        startup = Duration.ofNanos(System.nanoTime() - startedAt);
                        ready.countDown();
                    }
                    out.println(line);
                }
            } catch (IOException e) {
                // the process died: its output ends
            }
        }

        /** SIGKILL (Process.destroyForcibly on Unix), nothing else: no shutdown hook runs. */
        void kill() {
            killed.countDown();
            process.destroyForcibly();
            ready.countDown();
        }

        /** Killed at its line before it reported having started (the resumer runs from the start). */
        boolean killedAlready() {
            return killed.getCount() == 0;
        }

        /** True if the chosen line killed it; otherwise it is killed now. Either way: exit status 137 (SIGKILL). */
        boolean awaitKilled(Duration wait) throws InterruptedException {
            boolean hit = killed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (!hit) {
                kill();
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(137);
            return hit;
        }

        void stopGracefully() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        /** Waits until the application itself has finished what killed JVMs left; the time from its start. */
        Duration awaitNothingProcessing() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!killedAlready()) {
                try (Connection db = database()) {
                    if (count(db, "select count(*) from application where status = 'PROCESSING'", null) == 0) {
                        return Duration.ofNanos(System.nanoTime() - startedAt);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("applications still PROCESSING 60 s after the restart");
                }
                Thread.sleep(100);
            }
            return Duration.ZERO;
        }

        Connection database() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", "");
        }

        JsonNode get(String path, String user) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":demo-" + user).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Json.read(r.body());
        }
    }
}
