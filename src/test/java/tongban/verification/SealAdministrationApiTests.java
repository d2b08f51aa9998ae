package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tongban.seal.SealEntry;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * Seal rotation (换章) and revocation (吊销) by operators over HTTP: audited, refused to anyone else, bad input
 * answered with problems; certificates sealed before stay VALID and the served CRL lists the revoked seal.
 * The context (and data directory) of {@link LongTermValidityApiTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        VerificationTestApp.NO_RATE_LIMIT, LongTermValidityApiTests.OWN_DATA, "tongban.renewal.horizon=36500d",
        LongTermValidityApiTests.PATIENT})
class SealAdministrationApiTests extends IssuedCertificateTestBase {

    private static final String MARKET = "shanghai-amr";

    @Test
    void onlyOperatorsSeeRotateOrRevokeSeals() {
        String sealId = seals.sealOf("shanghai-psb").orElseThrow().sealId();
        for (String user : new String[] {null, "zhangsan", "officer", "policy"}) {
            int expected = user == null ? 401 : 403;
            assertThat(http.post("/api/v1/seals/shanghai-psb/rotate", null, noBody(), user).status()).isEqualTo(expected);
            assertThat(http.postJson("/api/v1/seals/" + sealId + "/revoke", "{\"at\":\"" + Instant.now() + "\"}", user)
                    .status()).isEqualTo(expected);
            assertThat(http.get("/api/v1/seals", user).status()).isEqualTo(expected);
        }
        assertThat(seals.sealOf("shanghai-psb").orElseThrow().sealId()).isEqualTo(sealId);
        assertThat(seals.sealOf("shanghai-psb").orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void badRotationsAndRevocationsAreProblemsThatChangeNothing() {
        String sealId = seals.sealOf("shanghai-psb").orElseThrow().sealId();
        String revoke = "/api/v1/seals/" + sealId + "/revoke";

        problem(http.postJson(revoke, "{}", "operator"), 400, "INVALID_REVOCATION_TIME", "$.at");
        problem(http.postJson(revoke, "{\"at\": \"yesterday\"}", "operator"), 400, "INVALID_REVOCATION_TIME", "$.at");
        problem(http.postJson(revoke, "{\"at\": 1764547200}", "operator"), 400, "INVALID_REVOCATION_TIME", "$.at");
        problem(http.postJson(revoke, "{\"at\": \"" + Instant.now().plusSeconds(3600) + "\"}", "operator"), 400,
                "INVALID_REVOCATION_TIME", "$.at");
        problem(http.postJson(revoke, "{\"at\": \"2001-01-01T00:00:00Z\"}", "operator"), 400,
                "INVALID_REVOCATION_TIME", "$.at");
        problem(http.postJson(revoke, "{\"at\": \"" + Instant.now() + "\", \"reason\": \"LOST\"}", "operator"), 400,
                "INVALID_REVOCATION_REASON", "$.reason");
        problem(http.postJson(revoke, "[\"at\"]", "operator"), 400, "INVALID_REVOCATION_TIME", "$.at");
        problem(http.postJson(revoke, "{\"at\": ", "operator"), 400, "MALFORMED_JSON", null);
        assertThat(http.post(revoke, "text/plain", java.net.http.HttpRequest.BodyPublishers.ofString("now"),
                "operator").status()).isEqualTo(415);
        problem(http.postJson("/api/v1/seals/shanghai-psb-0000000000000000/revoke",
                "{\"at\": \"" + Instant.now() + "\"}", "operator"), 404, "SEAL_NOT_FOUND", null);
        problem(http.postJson("/api/v1/seals/%3Cscript%3Ealert(1)%3Cscript%3E/revoke", "{\"at\": \"" + Instant.now() + "\"}",
                "operator"), 404, "SEAL_NOT_FOUND", null);
        problem(http.post("/api/v1/seals/beijing-amr/rotate", null, noBody(), "operator"), 404,
                "DEPARTMENT_NOT_FOUND", null);

        assertThat(seals.sealOf("shanghai-psb").orElseThrow().sealId()).isEqualTo(sealId);
        assertThat(seals.sealOf("shanghai-psb").orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void aRotatedSealKeepsItsCertificatesValidAndOnceRevokedTheServedCrlListsIt() throws Exception {
        Certificates.Issued before = certificates.issue();
        SealEntry old = seals.sealOf(MARKET).orElseThrow();

        Http.Response rotated = http.post("/api/v1/seals/" + MARKET + "/rotate", null, noBody(), "operator");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSeal = rotated.json().path("sealId").asString();
        assertThat(newSeal).isNotEqualTo(old.sealId()).startsWith(MARKET + "-");
        assertThat(rotated.json().path("current").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/audit?action=SEAL_ROTATED", "operator").body()).contains(old.sealId(), newSeal);
        assertValid(before.pdf(), old.sealId());
        Certificates.Issued after = certificates.issue();
        assertValid(after.pdf(), newSeal);

        Thread.sleep(1100);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Thread.sleep(1100);
        Http.Response revoked = http.postJson("/api/v1/seals/" + old.sealId() + "/revoke",
                "{\"at\": \"" + at + "\", \"reason\": \"SUPERSEDED\"}", "operator");

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(Instant.parse(revoked.json().path("revokedAt").asString())).isEqualTo(at);
        assertThat(http.get("/api/v1/audit?action=SEAL_REVOKED&target=seal/" + old.sealId(), "operator").body())
                .contains("SUPERSEDED");
        problem(http.postJson("/api/v1/seals/" + old.sealId() + "/revoke", "{\"at\": \"" + at + "\"}", "operator"),
                409, "SEAL_ALREADY_REVOKED", null);
        Http.Response crl = http.get("/crl/local-root-ca.crl", null);
        assertThat(crl.status()).isEqualTo(200);
        BigInteger serial = old.chain().get(0).getSerialNumber();
        X509CRLEntryHolder entry = new X509CRLHolder(crl.bytes()).getRevokedCertificate(serial);
        assertThat(entry).as("the CRL the app serves lists the revoked seal").isNotNull();
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(at);
        assertValid(before.pdf(), old.sealId());
        assertValid(after.pdf(), newSeal);
        JsonNode registry = http.get("/api/v1/seals", "operator").json();
        assertThat(registry.findValues("sealId").stream().map(JsonNode::asString)).contains(old.sealId(), newSeal);
        for (JsonNode seal : registry) {
            if (seal.path("sealId").asString().equals(old.sealId())) {
                assertThat(seal.path("current").asBoolean()).isFalse();
                assertThat(Instant.parse(seal.path("revokedAt").asString())).isEqualTo(at);
            }
        }
    }

    private void assertValid(byte[] pdf, String sealId) {
        JsonNode report = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "licence.pdf", "application/pdf", pdf), null, null).json();
        assertThat(report.path("verdict").asString()).as(report.toString()).isEqualTo("VALID");
        assertThat(report.path("checks").path("issuer").path("sealId").asString()).isEqualTo(sealId);
    }

    private static void problem(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().path("field").asString()).isEqualTo(field);
        }
    }

    private static java.net.http.HttpRequest.BodyPublisher noBody() {
        return java.net.http.HttpRequest.BodyPublishers.noBody();
    }
}
