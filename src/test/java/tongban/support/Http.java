package tongban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for tests against the server on a random port: what a caller really sends and gets. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public Http(int port) {
        this.port = port;
    }

    public record Response(int status, String contentType, byte[] bytes, java.net.http.HttpHeaders headers) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    public Response get(String path, String user) {
        return send(builder(path, user).GET());
    }

    public Response postJson(String path, String json, String user) {
        return post(path, "application/json", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), user);
    }

    public Response post(String path, String contentType, HttpRequest.BodyPublisher body, String user) {
        HttpRequest.Builder b = builder(path, user).POST(body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, String user) {
        return send(builder(path, user).method(method, body));
    }

    /** Demo accounts log in as {@code name} with password {@code demo-name}; null means anonymous. */
    private HttpRequest.Builder builder(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    /** Any method with a body of the given type, as {@code user}. */
    public Response send(String method, String path, HttpRequest.BodyPublisher body, String user, String contentType) {
        return send(builder(path, user).header("Content-Type", contentType).method(method, body));
    }

    /** Any method with a body of the given type, as {@code user}, with an Idempotency-Key. */
    public Response send(String method, String path, HttpRequest.BodyPublisher body, String user, String contentType,
                         String idempotencyKey) {
        return send(builder(path, user).header("Content-Type", contentType).header("Idempotency-Key", idempotencyKey)
                .method(method, body));
    }

    /** A multipart POST as {@code user}, with an optional Idempotency-Key. */
    public Response postMultipart(String path, Multipart body, String idempotencyKey, String user) {
        HttpRequest.Builder b = builder(path, user).header("Content-Type", body.contentType()).POST(body.publisher());
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b);
    }

    public Response withHeader(String method, String path, String header, String value, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header(header, value).method(method, body));
    }

    /**
     * Sends {@code method} and {@code rawPath} exactly as given, over a plain socket (Java's client refuses paths such as
     * {@code //x} or {@code %00}), as HTTP/1.0 so the answer is not chunked, with the extra header lines given.
     */
    public Response raw(String method, String rawPath, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.0\r\nHost: 127.0.0.1:")
                .append(port).append("\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            java.util.Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            String type = headers.containsKey("Content-Type") ? headers.get("Content-Type").get(0) : null;
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), type, body,
                    java.net.http.HttpHeaders.of(headers, (k, v) -> true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
