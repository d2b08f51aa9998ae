package tongban.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static tongban.payment.PaymentApiTests.assertRejected;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.rules.PackFixture;
import tongban.support.Fixtures;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The journey "a refused application refunded": a published residence-permit version makes a first permit cost 20
 * yuan, so the application waits for its fee, is paid through the Alipay sandbox, is accepted for its in-person step,
 * and is then refused (不予许可) by its district's officer: REFUSED, with a sealed, verifiable refusal decision that
 * tells the officer's reason, and its order refunded at the provider once, also when the refusal is sent twice at once
 * or again later.
 * Another district's officer, the applicant and a bad reason are refused and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.payment.query-after=0s", "tongban.payment.reconcile-interval=1h", "tongban.payment.retry-backoff=0s",
        RefusedRefundTests.OWN_DATA})
class RefusedRefundTests {

    /** The published version changes the residence permit for whoever decides on this database: a data directory of its own. */
    static final String OWN_DATA = "tongban.data-dir=src/target/test-data-refused";
    static final String FIRST_PERMIT = """
            { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
              "options": { "delivery": "POST" } }""";
    static final ProviderNetwork NETWORK = ProviderNetwork.start();

    @DynamicPropertySource
    static void network(DynamicPropertyRegistry registry) {
        registry.add("tongban.public-base-url", NETWORK::base);
    }

    @LocalServerPort
    int port;
    @Autowired
    Payments payments;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path scratch;
    PaymentApiTests api;

    @BeforeEach
    void client() {
        NETWORK.reset(port);
        api = PaymentApiTests.on(port, jdbc, payments);
    }

    /** lisi's first permit under the published version with a fee: paid through the Alipay sandbox and ACCEPTED. */
    private String paidAcceptedFirstPermit() throws IOException {
        // the same bytes for the same date: a second run on the same data directory answers the version published
        Response published = api.http.post("/api/v1/rule-packs/residence-permit/versions?effectiveFrom=2026-01-01",
                "application/zip",
                HttpRequest.BodyPublishers.ofByteArray(PackFixture.paidFirstResidencePermit(scratch)), "policy");
        assertThat(published.status()).as(published.body()).isEqualTo(201);

        Response applied = api.http.postMultipart("/api/v1/applications", new Multipart().json("application", FIRST_PERMIT)
                .file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()), "refuse-" + UUID.randomUUID(), "lisi");
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.json().path("status").asString()).as(applied.body()).isEqualTo("AWAITING_PAYMENT");
        String id = applied.json().path("id").asString();
        api.payAtSandbox(api.pay(id, PaymentApiTests.ALIPAY, "lisi"));
        api.until(id, "lisi", a -> a.path("status").asString().equals("ACCEPTED"));
        assertThat(api.status(id)).isEqualTo("PAID");
        return id;
    }

    @Test
    void anAcceptedPaidApplicationRefusedByItsDistrictsOfficerIsRefundedOnceWithAVerifiableRefusal() throws IOException {
        String id = paidAcceptedFirstPermit();
        String number = api.number(id);

        String reason = "经核查，申请人提供的居住登记信息与实际居住地址不符，不符合《居住证暂行条例》第二条规定的条件。";
        String body = "{\"reason\":\"" + reason + "\"}";
        assertRejected(refuse(id, "officer", body), 404, "APPLICATION_NOT_FOUND");
        assertRejected(refuse(id, "lisi", body), 403, "FORBIDDEN");
        for (String bad : new String[] {"{}", "{\"reason\":\"\"}", "{\"reason\":\"" + "理".repeat(501) + "\"}",
                "{\"reason\":\"a\\u202Eb\"}", "{\"reason\":42}"}) {
            Response refused = refuse(id, "officer2", bad);
            assertThat(refused.status()).as(bad + " " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("field").asString()).isEqualTo("$.reason");
        }
        assertThat(api.application(id, "lisi").path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(api.status(id)).isEqualTo("PAID");

        // a double click: two refusals at once seal one decision; the one that finds the other at work is asked again
        List<Response> twice = new ArrayList<>();
        ExecutorService clicks = Executors.newFixedThreadPool(2);
        try {
            for (Future<Response> answer : clicks.invokeAll(List.<Callable<Response>>of(() -> refuse(id, "officer2", body),
                    () -> refuse(id, "officer2", body)))) {
                twice.add(answer.get());
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            clicks.shutdown();
        }
        for (Response answer : twice) {
            if (answer.status() != 200) {
                assertRejected(answer, 409, "REQUEST_IN_PROGRESS");
            }
        }
        Response refused = twice.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        assertThat(refused.json().path("status").asString()).isEqualTo("REFUSED");
        PaymentApiTests.eventually(() -> api.status(id).equals("REFUNDED"), "refunded");
        assertThat(api.channel().query(number).orElseThrow().state()).as("refunded at the provider")
                .isEqualTo(PaymentChannel.Notification.State.REFUNDED);

        Response again = refuse(id, "officer2", "{\"reason\":\"另一个理由\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("status").asString()).isEqualTo("REFUSED");
        assertThat(again.json().path("documents")).isEqualTo(refused.json().path("documents"));
        assertThat(api.audited("PAYMENT_REFUND_REQUESTED", number)).isEqualTo(1);
        assertThat(api.audited("PAYMENT_REFUNDED", number)).isEqualTo(1);
        assertRejected(refuse(UUID.randomUUID().toString(), "officer2", body), 404, "APPLICATION_NOT_FOUND");

        JsonNode decision = null;
        for (JsonNode document : refused.json().path("documents")) {
            if (document.path("kind").asString().equals("DECISION_REFUSED")) {
                decision = document;
            }
        }
        assertThat(decision).as(refused.body()).isNotNull();
        Response pdf = api.http.get(decision.path("downloadUrl").asString(), "lisi");
        assertThat(pdf.status()).as(pdf.body()).isEqualTo(200);
        assertThat(text(pdf.bytes())).as("the officer's reason and the remedies").contains(reason).contains("行政复议")
                .doesNotContain("（依据：）");
        Response verified = api.http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "refusal.pdf", "application/pdf", pdf.bytes()), null, null);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("verdict").asString()).as(verified.body()).isEqualTo("VALID");

        // a refused application is final: it is no longer withdrawn
        assertRejected(api.withdraw(id), 409, "NOT_WITHDRAWABLE");
    }

    @Test
    void aRefusalCutShortAfterItsDecisionWasReservedIsFinishedOnlyByRefusingAgain() throws IOException {
        String id = paidAcceptedFirstPermit();
        // what a node that died after reserving (and perhaps sealing) the refusal leaves behind
        String reason = "经核查，申请人提供的居住登记信息与实际居住地址不符。";
        jdbc.sql("update application set refusal_id = ?, refusal_reason = ? where id = ?")
                .params(UUID.randomUUID(), reason, UUID.fromString(id)).update();

        assertRejected(api.withdraw(id), 409, "NOT_WITHDRAWABLE");
        Response completed = api.http.post("/api/v1/applications/" + id + "/complete", null,
                HttpRequest.BodyPublishers.noBody(), "officer2");
        assertThat(completed.status()).as(completed.body()).isEqualTo(409);
        assertThat(api.application(id, "lisi").path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(api.status(id)).isEqualTo("PAID");

        Response refused = refuse(id, "officer2", "{\"reason\":\"另一个理由\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().path("status").asString()).isEqualTo("REFUSED");
        PaymentApiTests.eventually(() -> api.status(id).equals("REFUNDED"), "refunded");
    }

    @Test
    void onlyAnAcceptedApplicationIsRefused() {
        Response applied = api.http.postMultipart("/api/v1/applications", new Multipart().json("application",
                PaymentApiTests.REPLACEMENT).file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg()),
                "refuse-" + UUID.randomUUID(), "lisi");
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        String id = applied.json().path("id").asString();
        assertRejected(refuse(id, "officer2", "{\"reason\":\"理由\"}"), 409, "NOT_REFUSABLE");
        assertThat(api.application(id, "lisi").path("status").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    private Response refuse(String id, String user, String body) {
        return api.http.post("/api/v1/applications/" + id + "/refuse", "application/json",
                HttpRequest.BodyPublishers.ofString(body), user);
    }

    private static String text(byte[] pdf) throws IOException {
        StringBuilder text = new StringBuilder();
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                text.append(PdfTextExtractor.getTextFromPage(document.getPage(page)));
            }
        }
        return text.toString().replaceAll("\\s+", "");
    }
}
