package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Past its allowance (kept in PostgreSQL, shared by every node) a client gets 429 with Retry-After — problem+json RATE_LIMITED from the API, the page saying
 * so to a browser — while other clients go on. Three requests at once, then one every twenty seconds. Each test is
 * a client of its own: its requests leave from an address of the loopback network no other test uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.verification.rate-limit.capacity=3", "tongban.verification.rate-limit.per-second=0.05"})
class RateLimitTests {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    /** The buckets live in the database and outlive a run: each test starts with its clients' buckets full. */
    @BeforeEach
    void fullBuckets() {
        new JdbcTemplate(dataSource).update("DELETE FROM rate_limit_bucket WHERE id LIKE 'verification/%'");
    }

    @Test
    void aClientPastItsAllowanceIsToldToWaitAndAnotherClientIsNot() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("127.0.0.11").status()).isEqualTo(400);
        }

        Answer limited = post("127.0.0.11");
        Answer status = get("127.0.0.11", "/api/v1/certificates/" + UUID.randomUUID() + "/status", "*/*");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 20L);
        assertThat(status.status()).as("the status endpoint shares the allowance").isEqualTo(429);
        assertThat(get("127.0.0.12", "/api/v1/certificates/" + UUID.randomUUID() + "/status", "*/*").status())
                .as("another client").isEqualTo(404);
    }

    @Test
    void aBrowserPastItsAllowanceIsShownThePageSayingWhenToComeBack() {
        Answer last = null;
        for (int i = 0; i < 4; i++) {
            last = get("127.0.0.13", "/verify/" + UUID.randomUUID() + "?lang=en", "text/html,*/*;q=0.8");
        }

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Content-Type")).startsWith("text/html");
        assertThat(last.header("Retry-After")).isNotBlank();
        assertThat(last.body()).contains("<html lang=\"en\"").contains("Too many verifications from your address");
        assertThat(last.header("Content-Language")).isEqualTo("en");
    }

    @Test
    void theBlankPageAndItsStylesheetAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            assertThat(get("127.0.0.14", "/verify", "text/html").status()).isEqualTo(200);
            assertThat(get("127.0.0.14", VerificationPageController.STYLESHEET, "text/css").status()).isEqualTo(200);
        }
    }

    /** One HTTP/1.1 exchange, by hand, from a chosen local address (java.net.http cannot bind one on Java 17). */
    private record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    private Answer get(String from, String path, String accept) {
        return exchange(from, ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A verification request whose multipart body holds no file: answered 400 when let through. */
    private Answer post(String from) {
        String body = "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n";
        return exchange(from, ("POST /api/v1/verify HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
    }

    private Answer exchange(String from, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(response.substring(9, 12)), response.substring(0, split),
                    response.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
