package tongban.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tongban.platform.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the carriers' formats have in common: form posts with time-outs, Base64 of an MD5 digest (both carriers sign
 * their requests so), times as {@code yyyy-MM-dd HH:mm:ss} in China Standard Time, and reading a push body's fields
 * with the JSON path of the one at fault.
 */
final class CarrierFormat {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CarrierFormat() {
    }

    /** Posts the form and answers the body of a 2xx; anything else is the carrier being unavailable. */
    static String postForm(URI url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() / 100 != 2) {
                throw new Carrier.Unavailable("the carrier answered HTTP " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new Carrier.Unavailable("the carrier could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Carrier.Unavailable("interrupted while calling the carrier");
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String md5Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String time(Instant at) {
        return TIME.format(LocalDateTime.ofInstant(at, CHINA));
    }

    /** The carrier's code of a step (the first code that means it). */
    static String opCode(Map<String, ShipmentStatus> codes, ShipmentStatus status) {
        return codes.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey).sorted()
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the carrier has no code for " + status));
    }

    /** A carrier's answer or push body as JSON; {@code malformed} says what to raise when it is not JSON. */
    static JsonNode json(String text, Function<String, RuntimeException> malformed) {
        try {
            JsonNode node = Json.read(text);
            if (node == null || !node.isObject()) {
                throw malformed.apply("not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw malformed.apply("not JSON");
        }
    }

    /** The events of a push body: the array at {@code path}, each read by {@code event}. */
    static List<Carrier.TrackingEvent> events(byte[] body, String[] path, EventReader event) {
        JsonNode node = json(new String(body, StandardCharsets.UTF_8), CarrierFormat::malformed);
        StringBuilder at = new StringBuilder("$");
        for (String name : path) {
            node = node.path(name);
            at.append('.').append(name);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw malformed("must be a non-empty array", at.toString());
        }
        List<Carrier.TrackingEvent> events = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Carrier.TrackingEvent e = event.read(node.get(i), at + "[" + i + "]");
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    /** Reads one event of a push; null for an event of a kind the platform does not follow. */
    interface EventReader {
        Carrier.TrackingEvent read(JsonNode event, String path);
    }

    /** A field's text, 1 to {@code max} characters. */
    static String text(JsonNode node, String name, String path, int max) {
        JsonNode value = node.path(name);
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > max) {
            throw malformed("must be text of 1 to " + max + " characters", path + "." + name);
        }
        return value.asString();
    }

    /** An optional field's text, or null. */
    static String optionalText(JsonNode node, String name, String path, int max) {
        return node.path(name).isMissingNode() || node.path(name).isNull() ? null : text(node, name, path, max);
    }

    static Instant time(JsonNode node, String name, String path) {
        String text = text(node, name, path, 19);
        try {
            return LocalDateTime.parse(text, TIME).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("must be a time as yyyy-MM-dd HH:mm:ss", path + "." + name);
        }
    }

    static NotificationRefused malformed(String message) {
        return malformed(message, "$");
    }

    static NotificationRefused malformed(String message, String field) {
        return new NotificationRefused(NotificationRefused.Reason.NOTIFICATION_MALFORMED, message, field);
    }
}
