package tongban.verification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tongban.TongbanApplication;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;
import tongban.support.Multipart;

/**
 * Verifications per second over real HTTP at a fixed concurrency of 8 clients: the whole application on the
 * embedded stack (PostgreSQL, S3, seal service) on a random port, one genuine one-page business licence posted
 * to {@code POST /api/v1/verify} again and again; every answer must be 200 and VALID. The load client shares the
 * machine with the server. {@code throughput} gives verifications/s, {@code latency} the p50/p99.
 * Run: {@code ./mvnw -q -DskipTests verify -Dbench=src -Djmh.args=VerifyOverHttpBenchmark}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Threads(8)
public class VerifyOverHttpBenchmark {

    private Path data;
    private ConfigurableApplicationContext app;
    private HttpClient client;
    private HttpRequest verify;

    @Setup
    public void start() throws Exception {
        data = Files.createTempDirectory("tongban-verify-bench");
        app = new SpringApplication(TongbanApplication.class).run("--server.port=0", "--tongban.data-dir=" + data,
                "--logging.level.root=WARN", "--tongban.verification.rate-limit.enabled=false");
        byte[] pdf = new Certificates(app.getBean(RenderCertificate.class), app.getBean(SealService.class),
                app.getBean(Archive.class)).issue().pdf();
        Multipart body = new Multipart().file("file", "licence.pdf", "application/pdf", pdf);
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        verify = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/verify"))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String first = send();
        if (!first.contains("\"verdict\":\"VALID\"")) {
            throw new IllegalStateException("the benchmark's certificate is not VALID: " + first);
        }
    }

    @TearDown
    public void stop() {
        app.close();
        FileSystemUtils.deleteRecursively(data.toFile());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String throughput() throws Exception {
        return send();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String latency() throws Exception {
        return send();
    }

    private String send() throws Exception {
        HttpResponse<String> response = client.send(verify, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("verification answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
