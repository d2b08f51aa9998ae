package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's journeys, run as written: each curl command is read from README.md (user, headers, form parts, the
 * sample files of docs/examples/) and sent to the server, and the answer is the one the README documents. Only the
 * host and the Idempotency-Key change: the key gets a suffix per run, so the request is decided now rather than
 * answered from an earlier run's application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeJourneyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String README = readme();

    @LocalServerPort
    int port;
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void journeysAAndBIssueABusinessLicenceThenAFoodLicenceWithTheSampleLease() {
        JsonNode a = created(curl("journey-a-0001"));
        assertThat(a.path("status").asString()).isEqualTo("ISSUED");
        assertThat(a.path("decision").path("materials").toString())
                .contains("{\"code\":\"operator-id\",\"status\":\"REUSED\"", "{\"code\":\"premises-proof\",\"status\":\"PROVIDED\"");
        assertThat(a.path("decision").path("reasons").toString()).contains("FOOD_LICENCE_REQUIRED_AFTER");
        assertInspectedAndAccepted(a, "lease.pdf", "application/pdf");
        JsonNode certificate = a.path("certificate");
        assertThat(certificate.path("number").asString()).startsWith("92").hasSize(18);
        assertThat(certificate.path("downloadUrl").asString()).isNotBlank();
        assertThat(certificate.path("verifyUrl").asString()).isEqualTo("/verify/" + certificate.path("id").asString());

        JsonNode b = created(curl("journey-b-0001"));
        assertThat(b.path("status").asString()).isEqualTo("ISSUED");
        assertThat(b.path("decision").path("materials").toString())
                .contains("{\"code\":\"business-licence\",\"status\":\"REUSED\"",
                        "{\"code\":\"food-safety-rules\",\"status\":\"COMMITTED\"");
        assertThat(b.path("decision").path("timeLimitWorkingDays").asInt()).isZero();
        assertThat(b.path("certificate").path("number").asString()).matches("JY[0-9]{14}");
    }

    @Test
    void journeyCIsAcceptedWithTheSamplePhotoAndTheOfficerCompletesIt() {
        JsonNode c = created(curl("journey-c-0001"));
        assertThat(c.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(c.path("decision").path("outcome").asString()).isEqualTo("ACCEPTABLE");
        assertThat(c.path("decision").path("visits").path("count").asInt()).isEqualTo(2);
        assertThat(c.path("decision").path("atMostOnce").asBoolean()).isFalse();
        assertThat(c.path("decision").path("visits").path("suggestions").toString()).contains("USE_POSTAL_DELIVERY");
        assertThat(c.path("documents").toString()).contains("NOTICE_ACCEPTED");
        assertInspectedAndAccepted(c, "photo.jpg", "image/jpeg");

        String id = c.path("id").asString();
        HttpResponse<String> queue = send(request(command("`(curl -s -u officer2:\\S+ \\S+/officer/queue)`"), ""));
        // oldest first, so earlier runs' applications may fill its first page: it answers, with at least this one
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        assertThat(JSON.readTree(queue.body()).path("total").asLong()).isPositive();
        HttpResponse<String> early = send(request(command("`(curl -s -u officer2:\\S+ -X POST \\S+/complete)`")
                .replace("{id}", id), ""));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("IN_PERSON_CHECK_REQUIRED");
        HttpResponse<String> checked = send(request(command("`(curl -s -u officer2:\\S+ -H [^`]+/in-person-check)`")
                .replace("{id}", id), ""));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(201);
        HttpResponse<String> done = send(request(command("`(curl -s -u officer2:\\S+ -X POST \\S+/complete)`")
                .replace("{id}", id), ""));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).path("status").asString()).isEqualTo("ISSUED");
    }

    /** The README's inline command matching {@code pattern} (its group 1). */
    private static String command(String pattern) {
        Matcher found = Pattern.compile(pattern).matcher(README);
        assertThat(found.find()).as("the README's command " + pattern).isTrue();
        return found.group(1);
    }

    @Test
    void theWindowExampleAppliesForAWalkIn() {
        JsonNode w = created(curl("window-0001"));
        assertThat(w.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(w.path("item").asString()).isEqualTo("residence-permit");
        assertInspectedAndAccepted(w, "photo.jpg", "image/jpeg");
    }

    @Test
    void theNoticeExampleEndsIncompleteWithANotice() {
        JsonNode n = created(curl("journey-n-0001"));
        assertThat(n.path("status").asString()).isEqualTo("INCOMPLETE");
        assertThat(n.path("documents").get(0).path("kind").asString()).isEqualTo("NOTICE_INCOMPLETE");
        assertThat(n.path("documents").get(0).path("downloadUrl").asString()).startsWith("/api/v1/documents/");
    }

    /** The README's curl command with this Idempotency-Key, sent. */
    private HttpResponse<String> curl(String key) {
        Matcher block = Pattern.compile("```sh\n(curl [^`]*?Idempotency-Key: " + key + "[^`]*?)```").matcher(README);
        assertThat(block.find()).as("a curl command with the key " + key + " in README.md").isTrue();
        return send(request(block.group(1), "-" + UUID.randomUUID()));
    }

    private static void assertInspectedAndAccepted(JsonNode application, String fileName, String type) {
        JsonNode material = application.path("materials").get(0);
        assertThat(material.path("fileName").asString()).isEqualTo(fileName);
        assertThat(material.path("detectedType").asString()).isEqualTo(type);
        assertThat(material.path("accepted").asBoolean()).as(material.toString()).isTrue();
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** The curl options the README uses: -s, -u, -H, -F (values and @files, with ;type=), -d, -X and the URL. */
    private HttpRequest request(String command, String keySuffix) {
        List<String> words = words(command.replace("\\\n", " "));
        assertThat(words.get(0)).isEqualTo("curl");
        HttpRequest.Builder request = HttpRequest.newBuilder();
        Multipart form = null;
        String method = null;
        String data = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s" -> { }
                case "-u" -> request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(words.get(++i).getBytes(StandardCharsets.UTF_8)));
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    request.header(header[0], header[0].equals("Idempotency-Key") ? header[1] + keySuffix : header[1]);
                }
                case "-X" -> method = words.get(++i);
                case "-d" -> data = words.get(++i);
                case "-F" -> form = part(form == null ? new Multipart() : form, words.get(++i));
                default -> {
                    assertThat(word).as("the URL of: " + command).startsWith("localhost:8080/");
                    request.uri(URI.create("http://127.0.0.1:" + port + word.substring("localhost:8080".length())));
                }
            }
        }
        if (form != null) {
            request.header("Content-Type", form.contentType());
        }
        return request.method(method != null ? method : form != null || data != null ? "POST" : "GET",
                form != null ? form.publisher() : data != null
                        ? HttpRequest.BodyPublishers.ofString(data, StandardCharsets.UTF_8)
                        : HttpRequest.BodyPublishers.noBody()).build();
    }

    /** {@code name=value;type=…} or {@code name=@file;type=…}; a file is read from the repository root, as curl would. */
    private static Multipart part(Multipart form, String spec) {
        String name = spec.substring(0, spec.indexOf('='));
        String value = spec.substring(name.length() + 1);
        int typeAt = value.lastIndexOf(";type=");
        String type = value.substring(typeAt + ";type=".length());
        value = value.substring(0, typeAt);
        if (!value.startsWith("@")) {
            assertThat(type).isEqualTo("application/json");
            return form.json(name, value);
        }
        Path file = Path.of(value.substring(1));
        assertThat(file).as("the README's sample file").isRegularFile();
        try {
            return form.file(name, file.getFileName().toString(), type, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a shell command into words; single quotes keep spaces and are removed, as sh does. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : command.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readme() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
