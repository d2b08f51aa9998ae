package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tongban.archive.S3Connection;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;

/**
 * Two real application processes (two JVMs, two ports) on one PostgreSQL and one object store, as behind a load
 * balancer: a version published on one decides on the other within tongban.rules.refresh-interval, a retried
 * submission that lands on the other node returns the same application, the applicants' rate limit is one
 * allowance across both, and the scheduled fixity audit and renewal, whose schedules fire on both nodes, run once per
 * fire time.
 */
class TwoNodeTests {

    private static final String ITEM = "individual-business-registration";
    private static final List<Node> NODES = new ArrayList<>();
    private static Path home;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedS3Server s3;
    /** Both nodes' schedules fire from here on. */
    private static Instant bothUp;
    /** The schedule of both jobs on both nodes: every 2 s. */
    private static final String EVERY_TWO_SECONDS = "*/2 * * * * *";
    private static final Pattern SCHEDULED = Pattern.compile(
            "scheduled (fixity audit|renewal) of (\\S+) (started as run ([0-9a-f-]{36})|skipped: (a run is in progress"
                    + "|another node ran it))");

    @BeforeAll
    static void startTwoNodes() throws Exception {
        home = Files.createTempDirectory("tongban-two-nodes");
        PackFixture.copyOfShippedPacks(home.resolve("rules"));
        postgres = EmbeddedPostgresServer.start(home.resolve("pg"));
        s3 = EmbeddedS3Server.start(home.resolve("s3"));
        // one after the other: the first makes the keys of the embedded default in the shared data folder
        NODES.add(Node.start("a"));
        NODES.add(Node.start("b"));
        bothUp = Instant.now();
    }

    @AfterAll
    static void stop() {
        NODES.forEach(n -> n.process.destroy());
        for (Node n : NODES) {
            try {
                n.process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (home != null) {
            FileSystemUtils.deleteRecursively(home.toFile());
        }
    }

    @Test
    void aVersionPublishedOnOneNodeDecidesOnTheOtherWithinFiveSeconds() throws Exception {
        Http a = NODES.get(0).http();
        Http b = NODES.get(1).http();
        String facts = EvaluateApiSamples.EXAMPLE_1.replace("2026-11-27", "2028-01-01");
        String before = b.postJson("/api/v1/items/" + ITEM + "/evaluate", facts, null).json().path("packVersion").asString();

        byte[] zip = PackFixture.oneDayRegistration(home.resolve("later"));
        Response published = a.post("/api/v1/rule-packs/" + ITEM + "/versions?effectiveFrom=2027-06-01", "application/zip",
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(zip), "policy");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String version = published.json().path("version").asString();
        assertThat(version).isNotEqualTo(before);

        long start = System.nanoTime();
        String seen = before;
        while (!seen.equals(version) && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(100);
            seen = b.postJson("/api/v1/items/" + ITEM + "/evaluate", facts, null).json().path("packVersion").asString();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("a version published on node a decided on node b after " + millis + " ms");
        assertThat(seen).as("node b's packVersion 5 s after node a published " + version).isEqualTo(version);
        assertThat(b.get("/api/v1/rule-packs/" + ITEM + "/versions", "policy").body()).contains(version, "2027-06-01");
    }

    @Test
    void aRetryOnTheOtherNodeReturnsTheSameApplicationAndTheRateLimitIsShared() {
        Http a = NODES.get(0).http();
        Http b = NODES.get(1).http();
        String application = """
                { "item": "individual-business-registration",
                  "form": { "businessName": "上海市黄浦区张三便利店", "businessScope": ["retail-general"],
                            "premisesAddress": "上海市黄浦区南京东路1号" },
                  "options": { "delivery": "ONLINE" } }""";
        String key = "two-nodes-" + UUID.randomUUID();
        Response first = a.postMultipart("/api/v1/applications", new Multipart().json("application", application), key, "lisi");
        assertThat(first.status()).as(first.body()).isIn(200, 201);
        Response retried = b.postMultipart("/api/v1/applications", new Multipart().json("application", application), key, "lisi");
        assertThat(retried.status()).as(retried.body()).isIn(200, 201);
        assertThat(retried.json().path("id")).isEqualTo(first.json().path("id"));

        // capacity 3 per applicant across the cluster: the two above, one more on a, and b refuses the fourth
        Response third = a.postMultipart("/api/v1/applications", new Multipart().json("application", application),
                "two-nodes-" + UUID.randomUUID(), "lisi");
        assertThat(third.status()).as(third.body()).isIn(200, 201);
        Response fourth = b.postMultipart("/api/v1/applications", new Multipart().json("application", application),
                "two-nodes-" + UUID.randomUUID(), "lisi");
        assertThat(fourth.status()).as(fourth.body()).isEqualTo(429);
        assertThat(fourth.json().path("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void theAuditAndTheRenewalRunOncePerFireTimeThoughBothNodesSchedulesFire() throws Exception {
        // fire times at which both nodes' schedules fired, by job: what each node did then
        Map<String, Map<Instant, List<String>>> fired = Map.of();
        for (Instant deadline = Instant.now().plusSeconds(60); Instant.now().isBefore(deadline); Thread.sleep(500)) {
            fired = firedOnBothNodes();
            if (fired.size() == 2 && fired.values().stream().allMatch(times -> times.size() >= 3)) {
                break;
            }
        }
        assertThat(fired.keySet()).containsExactlyInAnyOrder("fixity audit", "renewal");
        JdbcClient db = JdbcClient.create(postgres.dataSource());
        for (var job : fired.entrySet()) {
            assertThat(job.getValue()).as(job.getKey() + ": fire times seen by both nodes").hasSizeGreaterThanOrEqualTo(3);
            Map<Instant, UUID> claims = claims(db, job.getKey());
            List<UUID> ran = new ArrayList<>();
            for (var time : job.getValue().entrySet()) {
                String what = job.getKey() + " of " + time.getKey() + " on both nodes: " + time.getValue();
                List<String> started = time.getValue().stream().filter(a -> !a.startsWith("skipped")).toList();
                assertThat(started).as(what).hasSizeLessThanOrEqualTo(1);
                if (started.isEmpty()) {
                    // a run of an earlier fire time was still going when both fired: neither runs this one
                    assertThat(time.getValue()).as(what).containsOnly("skipped: a run is in progress");
                    assertThat(claims).as(what).doesNotContainKey(time.getKey());
                } else {
                    assertThat(claims.get(time.getKey())).as(what).hasToString(started.get(0));
                    ran.add(claims.get(time.getKey()));
                }
            }
            assertThat(ran).as(job.getKey() + " runs among the fire times both nodes saw").isNotEmpty();
            // the job's own record of its runs: each belongs to one fire time, none ran outside one
            String runs = job.getKey().equals("fixity audit") ? "select id::text from archive_audit_run"
                    : "select substring(target from 9) from audit_log where action = 'RENEWAL_RUN'";
            for (Instant deadline = Instant.now().plusSeconds(30); ; Thread.sleep(200)) {
                List<String> recorded = db.sql(runs).query(String.class).list();
                List<String> expected = ran.stream().map(UUID::toString).toList();
                if (recorded.containsAll(expected) || Instant.now().isAfter(deadline)) {
                    assertThat(recorded).as(job.getKey() + " runs").containsAll(expected).doesNotHaveDuplicates();
                    // read after the runs: a run is claimed before it starts
                    assertThat(claims(db, job.getKey()).values().stream().map(UUID::toString).toList())
                            .as(job.getKey() + " runs without a claimed fire time").containsAll(recorded);
                    break;
                }
            }
        }
    }

    /** From both nodes' logs: by job and fire time (after both were up) seen by both, each node's run id or skip. */
    private static Map<String, Map<Instant, List<String>>> firedOnBothNodes() throws IOException {
        Map<String, Map<Instant, Map<String, String>>> byNode = new TreeMap<>();
        for (String node : List.of("a", "b")) {
            for (String line : Files.readAllLines(home.resolve("node-" + node + ".log"), StandardCharsets.UTF_8)) {
                Matcher m = SCHEDULED.matcher(line);
                if (m.find() && Instant.parse(m.group(2)).isAfter(bothUp)) {
                    byNode.computeIfAbsent(m.group(1), j -> new TreeMap<>())
                            .computeIfAbsent(Instant.parse(m.group(2)), t -> new TreeMap<>())
                            .put(node, m.group(4) == null ? "skipped: " + m.group(5) : m.group(4));
                }
            }
        }
        Map<String, Map<Instant, List<String>>> both = new TreeMap<>();
        byNode.forEach((job, times) -> times.forEach((time, nodes) -> {
            if (nodes.size() == 2) {
                both.computeIfAbsent(job, j -> new TreeMap<>()).put(time, List.copyOf(nodes.values()));
            }
        }));
        return both;
    }

    private static Map<Instant, UUID> claims(JdbcClient db, String job) {
        Map<Instant, UUID> claims = new TreeMap<>();
        db.sql("select period, run_id from cluster_job_run where job = ?").param(job).query(rs -> {
            claims.put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class));
        });
        return claims;
    }

    /** One application process, its output in {@code node-NAME.log} beside the shared data folder. */
    private record Node(Process process, int port) {

        Http http() {
            return new Http(port);
        }

        static Node start(String name) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            S3Connection store = s3.connection();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx768m",
                    "-cp", System.getProperty("java.class.path"), "tongban.TongbanApplication",
                    "--server.port=" + port, "--tongban.data-dir=" + home.resolve("data"),
                    "--tongban.rules.dir=" + home.resolve("rules"), "--spring.main.banner-mode=off",
                    "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.user(),
                    "--tongban.s3.endpoint=" + store.endpoint(), "--tongban.s3.access-key=" + store.accessKey(),
                    "--tongban.s3.secret-key=" + store.secretKey(),
                    "--tongban.acceptance.rate-limit.capacity=3",
                    "--tongban.archive.audit.cron=" + EVERY_TWO_SECONDS, "--tongban.renewal.cron=" + EVERY_TWO_SECONDS)
                    .redirectErrorStream(true).start();
            CountDownLatch ready = new CountDownLatch(1);
            Path log = home.resolve("node-" + name + ".log");
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log,
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.contains("Started TongbanApplication")) {
                            ready.countDown();
                        }
                        out.println(line);
                    }
                } catch (IOException e) {
                    // the process ended: so did its output
                }
            }, "node-" + name + "-log");
            reader.setDaemon(true);
            reader.start();
            if (!ready.await(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + name + " did not start; see " + log);
            }
            return new Node(process, port);
        }
    }
}
