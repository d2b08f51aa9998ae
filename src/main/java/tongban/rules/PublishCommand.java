package tongban.rules;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * {@code rules publish <item> <effectiveFrom> [dir]}: sends the working copy of one pack to a running service, which
 * compiles it, runs its scenarios and stores it (publishing is the service's act, so every node sees the same version).
 * The service is {@code TONGBAN_URL} (default {@code http://localhost:8080}); the login is {@code TONGBAN_TOKEN} (a
 * bearer token) or {@code TONGBAN_USER} and {@code TONGBAN_PASSWORD}, a POLICY account.
 */
final class PublishCommand {

    private PublishCommand() {
    }

    static int run(String item, String effectiveFrom, Path dir, PrintStream out, Map<String, String> env) {
        Path pack = dir.resolve(item);
        if (!Files.isRegularFile(pack.resolve(PackSource.ITEM_FILE))) {
            out.println("no pack " + pack + " (a pack is a folder with an item.yaml)");
            return 2;
        }
        String auth;
        if (env.get("TONGBAN_TOKEN") != null) {
            auth = "Bearer " + env.get("TONGBAN_TOKEN");
        } else if (env.get("TONGBAN_USER") != null && env.get("TONGBAN_PASSWORD") != null) {
            auth = "Basic " + Base64.getEncoder().encodeToString((env.get("TONGBAN_USER") + ":"
                    + env.get("TONGBAN_PASSWORD")).getBytes(StandardCharsets.UTF_8));
        } else {
            out.println("set TONGBAN_TOKEN, or TONGBAN_USER and TONGBAN_PASSWORD, to a POLICY login");
            return 2;
        }
        String base = env.getOrDefault("TONGBAN_URL", "http://localhost:8080").replaceAll("/+$", "");
        byte[] zip = PackSource.read(pack, dir.toAbsolutePath().normalize().getFileName() + "/" + item).toZip();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/rule-packs/"
                        + URLEncoder.encode(item, StandardCharsets.UTF_8) + "/versions?effectiveFrom="
                        + URLEncoder.encode(effectiveFrom, StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(5)).header("Authorization", auth).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 201 ? 0 : response.statusCode() >= 500 || response.statusCode() == 401 ? 2 : 1;
        } catch (IOException e) {
            out.println("the service at " + base + " cannot be reached: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
