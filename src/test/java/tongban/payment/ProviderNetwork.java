package tongban.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The network between the application and its payment providers, for the payment core's integration tests: the
 * application's public base URL ({@code tongban.public-base-url}) points here, so the real channels' calls to the
 * embedded sandboxes and the sandboxes' signed notifications pass through it on their way to the application. It keeps
 * every notification it carries ({@link #notifications}), can swallow them as a lost answer would ({@link #holding}:
 * the sandbox is told {@code success}, the application hears nothing) and can be cut ({@link #down}: the sandboxes'
 * gateways answer 502, as a provider in an outage does). Nothing here plays a provider. Tests through it pay by
 * Alipay: the JDK's HTTP server writes header names in its own case, which WeChat Pay's SDK reads case-sensitively
 * (WeChat Pay is tested on its own in {@code WechatPayChannelTests} and {@code PaymentJourneyTests}).
 */
final class ProviderNetwork {

    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<PaymentChannel.NotificationRequest> notifications = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger cut = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int application;
    volatile boolean down;
    volatile boolean holding;

    private ProviderNetwork() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "provider-network");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::carry);
        server.start();
    }

    /** A network on a free loopback port; it lives as long as the test JVM (the Spring contexts are cached). */
    static ProviderNetwork start() {
        return new ProviderNetwork();
    }

    /** The base URL to configure as the application's public one. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Connects the network to the application's server and restores it: up, delivering. */
    void reset(int applicationPort) {
        application = applicationPort;
        down = false;
        holding = false;
    }

    /** The notifications carried so far whose body names {@code text} (e.g. Alipay's, by our order's number). */
    List<PaymentChannel.NotificationRequest> notifications(String text) {
        return notifications.stream().filter(n -> new String(n.body(), StandardCharsets.UTF_8).contains(text)).toList();
    }

    /** How many calls the network has failed so far (while down). */
    int cut() {
        return cut.get();
    }

    /** The first notification that names {@code text}, waiting up to 30 s for it. */
    PaymentChannel.NotificationRequest notification(String text) {
        PaymentApiTests.eventually(() -> !notifications(text).isEmpty(), "a notification of " + text);
        return notifications(text).get(0);
    }

    private void carry(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/api/v1/payments/notify/")) {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                        headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                    }
                });
                notifications.add(new PaymentChannel.NotificationRequest(Map.copyOf(headers), body,
                        exchange.getRequestHeaders().getFirst("Content-Type")));
                if (holding) {
                    answer(exchange, 200, "success".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
            }
            if ((down && path.startsWith("/sandbox/")) || application == 0) {
                cut.incrementAndGet();
                answer(exchange, 502, new byte[0]);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application + path
                    + (query == null ? "" : "?" + query))).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 502, new byte[0]);
                return;
            } catch (IOException | RuntimeException e) {
                answer(exchange, 502, e.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            answer(exchange, response.statusCode(), response.body());
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
