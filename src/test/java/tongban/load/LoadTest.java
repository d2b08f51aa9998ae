package tongban.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tongban.TongbanApplication;
import tongban.rules.EvaluateApiSamples;
import tongban.support.Fixtures;
import tongban.support.Multipart;

/**
 * Load over real HTTP on the embedded stack: starts the application on a random port with a fresh data
 * directory, sends {@code requests} requests at a fixed {@code concurrency}, and prints requests/s, p50, p99
 * and the errors. Scenarios: {@code evaluate} (the public what-if) and {@code issue} (full issuance: submit,
 * inspect, decide, render, seal, archive, register, each with its own Idempotency-Key).
 * Run: {@code ./mvnw -q -DskipTests verify -Dload=src -Dload.args="evaluate 20000 16"}.
 */
public final class LoadTest {

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "evaluate";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path data = Files.createTempDirectory("tongban-load");
        ConfigurableApplicationContext app = new SpringApplication(TongbanApplication.class).run(
                "--server.port=0", "--tongban.data-dir=" + data, "--logging.level.root=WARN",
                "--tongban.verification.rate-limit.enabled=false", "--tongban.acceptance.rate-limit.enabled=false");
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        ExecutorService io = Executors.newFixedThreadPool(concurrency);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(io).build();
            Request request = scenario.equals("issue") ? issue(port) : evaluate(port);
            run(client, request, Math.min(requests, 200), concurrency, "warm-up");
            run(client, request, requests, concurrency, scenario);
        } finally {
            io.shutdownNow();
            app.close();
        }
    }

    interface Request {
        HttpRequest next();
    }

    private static Request evaluate(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/items/individual-business-registration/evaluate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EvaluateApiSamples.EXAMPLE_1)).build();
        return () -> request;
    }

    private static Request issue(int port) {
        byte[] lease = Fixtures.pdf("租赁合同");
        String auth = "Basic " + Base64.getEncoder().encodeToString("zhangsan:demo-zhangsan".getBytes(StandardCharsets.UTF_8));
        return () -> {
            Multipart body = new Multipart().json("application", """
                    { "item": "individual-business-registration",
                      "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" } }""")
                    .file("premises-proof", "lease.pdf", "application/pdf", lease);
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/applications"))
                    .header("Content-Type", body.contentType()).header("Authorization", auth)
                    .header("Idempotency-Key", "load-" + UUID.randomUUID()).POST(body.publisher()).build();
        };
    }

    private static void run(HttpClient client, Request request, int requests, int concurrency, String name)
            throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            done.add(workers.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long t = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request.next(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies.add(System.nanoTime() - t);
                    statuses.merge(status, 1, Integer::sum);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%s: %d requests, concurrency %d, %.1f requests/s, p50 %.1f ms, p99 %.1f ms, statuses %s%n",
                name, sorted.size(), concurrency, sorted.size() / seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), statuses);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
    }
}
