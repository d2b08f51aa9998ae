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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tongban.archive.S3Connection;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;

/**
 * Two real application processes (two JVMs, two ports) on one PostgreSQL and one object store, as behind a load
 * balancer: a version published on one decides on the other within tongban.rules.refresh-interval, a retried
 * submission that lands on the other node returns the same application, and the applicants' rate limit is one
 * allowance across both.
 */
class TwoNodeTests {

    private static final String ITEM = "individual-business-registration";
    private static final List<Node> NODES = new ArrayList<>();
    private static Path home;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedS3Server s3;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        home = Files.createTempDirectory("tongban-two-nodes");
        PackFixture.copyOfShippedPacks(home.resolve("rules"));
        postgres = EmbeddedPostgresServer.start(home.resolve("pg"));
        s3 = EmbeddedS3Server.start(home.resolve("s3"));
        // one after the other: the first makes the keys of the embedded default in the shared data folder
        NODES.add(Node.start("a"));
        NODES.add(Node.start("b"));
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
                    "--tongban.acceptance.rate-limit.capacity=3")
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
