package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import javax.sql.DataSource;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rate limits kept in PostgreSQL: one allowance for every node, an applicant's submissions limited per login
 * before the body is read, the timestamp authority served publicly only when configured and then limited per
 * address. Each test starts from full buckets (they outlive a run in the test database). Before, submissions had
 * no limit and {@code POST /tsa} signed 300 unauthenticated queries in 11 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.acceptance.rate-limit.capacity=2", "tongban.acceptance.rate-limit.refill=1h",
        "tongban.seals.public-tsa.enabled=true", "tongban.seals.public-tsa.capacity=3",
        "tongban.seals.public-tsa.refill=1h"})
class SharedRateLimitsTests {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JsonMapper json;
    Http http;

    @BeforeEach
    void fullBuckets() {
        http = new Http(port);
        new JdbcTemplate(dataSource).update("DELETE FROM rate_limit_bucket WHERE id LIKE 'submissions/%' OR id LIKE 'tsa/%'"
                + " OR id LIKE 'two-nodes/%'");
    }

    @Test
    void twoNodesGrantOneAllowanceBetweenThem() throws Exception {
        RateLimits.Limit first = new RateLimits(dataSource, json).limit("two-nodes", 3, Duration.ofHours(1));
        RateLimits.Limit second = new RateLimits(dataSource, json).limit("two-nodes", 3, Duration.ofHours(1));

        assertThat(first.take("client-a")).isZero();
        assertThat(second.take("client-a")).isZero();
        assertThat(first.take("client-a")).isZero();
        long wait = second.take("client-a");

        assertThat(wait).as("the fourth request, on either node").isBetween(1L, 1200L);
        assertThat(first.take("client-b")).as("another client").isZero();
    }

    @Test
    void aBucketRefillsOverItsRefillTime() throws Exception {
        RateLimits.Limit limit = new RateLimits(dataSource, json).limit("two-nodes", 1, Duration.ofMillis(800));
        assertThat(limit.take("client-c")).isZero();
        assertThat(limit.take("client-c")).isEqualTo(1);
        Thread.sleep(1000);
        assertThat(limit.take("client-c")).isZero();
    }

    @Test
    void anApplicantPastTheSubmissionAllowanceIsToldToWaitBeforeTheBodyIsRead() {
        String unknownItem = "{\"item\":\"no-such-item\"}";
        for (int i = 0; i < 2; i++) {
            assertThat(submit("wangwu", unknownItem).status()).isEqualTo(404);
        }
        Response limited = submit("wangwu", unknownItem);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).isTrue();
        assertThat(limited.json().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 1800L);
        assertThat(submit("acme", unknownItem).status()).as("another applicant").isEqualTo(404);
        assertThat(http.postJson("/api/v1/applications/precheck", "{\"item\":\"no-such-item\"}", "wangwu").status())
                .as("prechecks are not submissions").isEqualTo(404);
    }

    @Test
    void thePublicTimestampAuthorityAnswersRfc3161QueriesUpToItsAllowance() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("a document".getBytes(StandardCharsets.UTF_8));
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, BigInteger.valueOf(42));

        Response stamped = tsa(request.getEncoded());
        TimeStampResponse response = new TimeStampResponse(stamped.bytes());
        response.validate(request);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        Response garbage = tsa(new byte[] {1, 2, 3});
        assertThat(garbage.status()).as("a garbage query is answered, not crashed").isEqualTo(200);
        assertThat(garbage.contentType()).isEqualTo("application/timestamp-reply");
        assertThat(tsa(request.getEncoded()).status()).isEqualTo(200);
        Response limited = tsa(request.getEncoded());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aTimestampQueryOverItsSizeIsRefused() {
        assertThat(tsa(new byte[100_000]).status()).isEqualTo(413);
    }

    private Response submit(String user, String application) {
        return http.postMultipart("/api/v1/applications", new Multipart().json("application", application),
                "rate-" + java.util.UUID.randomUUID(), user);
    }

    private Response tsa(byte[] query) {
        return http.post("/tsa", "application/timestamp-query", HttpRequest.BodyPublishers.ofByteArray(query), null);
    }
}
