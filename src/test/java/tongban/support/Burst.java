package tongban.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import tongban.platform.Json;
import tools.jackson.databind.JsonNode;

/**
 * Submissions sent all at once over real HTTP (one thread each, released together), every answer timed: what a
 * retrying portal or many double clicks do. A request cut off by the server's death answers {@link #CUT_OFF}, one
 * that got no answer in time {@link #TIMED_OUT}.
 */
public final class Burst {

    public static final int CUT_OFF = -1;
    public static final int TIMED_OUT = -2;

    /** One submission: who, with which key, what. */
    public record Submission(String user, String key, String application, String material, byte[] file) {
    }

    /** One answer: its status, problem code or application status, certificate, Retry-After and time taken. */
    public record Answer(Submission sent, int status, String code, String applicationStatus, String certificateId,
                         Optional<String> retryAfter, Duration took) {
    }

    private Burst() {
    }

    public static List<Answer> send(int port, List<Submission> submissions, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService threads = Executors.newFixedThreadPool(submissions.size());
        CountDownLatch ready = new CountDownLatch(submissions.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (Submission s : submissions) {
                HttpRequest request = request(port, s, timeout);
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return answer(client, request, s);
                }));
            }
            ready.await();
            go.countDown();
            List<Answer> all = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                all.add(answer.get());
            }
            return all;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** One submission, sent and timed. */
    public static Answer one(int port, Submission s, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        try {
            return answer(client, request(port, s, timeout), s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Answers counted by status (and problem code), e.g. {@code {201=69, 409 REQUEST_IN_PROGRESS=1}}. */
    public static Map<String, Long> byStatus(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(
                a -> a.status() + (a.code() == null ? "" : " " + a.code()), TreeMap::new, Collectors.counting()));
    }

    public static Duration slowest(List<Answer> answers) {
        return answers.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public static Duration median(List<Answer> answers) {
        List<Duration> sorted = answers.stream().map(Answer::took).sorted().toList();
        return sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
    }

    private static HttpRequest request(int port, Submission s, Duration timeout) {
        Multipart body = new Multipart().json("application", s.application())
                .file(s.material(), "lease.pdf", "application/pdf", s.file());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/applications"))
                .timeout(timeout)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((s.user() + ":demo-" + s.user()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", body.contentType())
                .header("Idempotency-Key", s.key())
                .POST(body.publisher()).build();
    }

    private static Answer answer(HttpClient client, HttpRequest request, Submission s) throws InterruptedException {
        long start = System.nanoTime();
        Function<Integer, Answer> failed = status -> new Answer(s, status, null, null, null, Optional.empty(),
                Duration.ofNanos(System.nanoTime() - start));
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            JsonNode json = r.body().startsWith("{") ? Json.read(r.body()) : Json.MAPPER.createObjectNode();
            return new Answer(s, r.statusCode(), text(json.path("code")), text(json.path("status")),
                    text(json.path("certificate").path("id")), r.headers().firstValue("Retry-After"), took);
        } catch (HttpTimeoutException e) {
            return failed.apply(TIMED_OUT);
        } catch (IOException e) {
            return failed.apply(CUT_OFF);
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
