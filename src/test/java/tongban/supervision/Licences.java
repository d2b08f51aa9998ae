package tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/** Licences issued through the real flow for the draws to take, draws made over HTTP, and the published script. */
final class Licences {

    private Licences() {
    }

    /** 张三 registers an individual business of this name: a business licence issued on the spot. */
    static JsonNode businessLicence(Http http, String name) {
        Http.Response r = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                        { "item": "individual-business-registration",
                          "form": { "businessName": "%s", "businessScope": ["retail-general", "catering"],
                                    "premisesAddress": "上海市黄浦区南京东路1号" } }""".formatted(name))
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")), key(), "zhangsan");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("ISSUED");
        return r.json().path("certificate");
    }

    /** 张三's food licence, on the business licence he holds (journey B). */
    static JsonNode foodLicence(Http http) {
        Http.Response r = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                        { "item": "food-business-licence",
                          "form": { "businessForm": "catering", "foodCategories": ["catering-hot"], "foodSafetyManager": true },
                          "options": { "commitment": true } }""")
                .file("equipment-layout", "layout.pdf", "application/pdf", Fixtures.pdf("设备布局")), key(), "zhangsan");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).as(r.body()).isEqualTo("ISSUED");
        return r.json().path("certificate");
    }

    /** A draw published by {@code supervisor}: 201, or the test fails with the answer. */
    static JsonNode publish(Http http, String body) {
        Http.Response r = http.postJson("/api/v1/supervision/draws", body, "supervisor");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** The seed fixed by the second supervisor from a lottery number. */
    static JsonNode seed(Http http, String drawId, String value) {
        Http.Response r = http.postJson("/api/v1/supervision/draws/" + drawId + "/seed",
                "{\"source\": \"中国福利彩票3D 2026330期\", \"value\": \"" + value + "\"}", "supervisor2");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The licence numbers a record lists, in its order. */
    static List<String> numbers(JsonNode record) {
        List<String> numbers = new ArrayList<>();
        record.path("holders").forEach(h -> numbers.add(h.path("licenceNumber").asString()));
        return numbers;
    }

    /** What {@code python3 scripts/redraw.py <argument>} printed and its exit status. */
    record Redraw(int exit, String output) {
    }

    static Redraw redraw(String... arguments) {
        try {
            Path out = Files.createTempFile("redraw", ".txt");
            try {
                Process process = new ProcessBuilder(command(arguments))
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                return new Redraw(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of("python3", "scripts/redraw.py"));
        command.addAll(List.of(arguments));
        return command;
    }

    static Path save(String json) {
        try {
            Path file = Files.createTempFile("draw", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key() {
        return "test-" + UUID.randomUUID();
    }
}
