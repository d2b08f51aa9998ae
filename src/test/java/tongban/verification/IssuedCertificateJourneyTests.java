package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The whole way, over HTTP only: an applicant is issued a business licence, a stranger verifies the downloaded PDF
 * and opens its verification link, an officer revokes it, and the very next verification says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
class IssuedCertificateJourneyTests {

    @LocalServerPort
    int port;

    @Test
    void anIssuedLicenceVerifiesAndItsRevocationShowsInTheVeryNextVerification() {
        Http http = new Http(port);
        Http.Response issued = http.postMultipart("/api/v1/applications", new Multipart()
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同"))
                .json("application", """
                        { "item": "individual-business-registration",
                          "form": { "businessName": "上海市黄浦区验证便利店", "businessScope": ["retail-general"],
                                    "premisesAddress": "上海市黄浦区南京东路8号" },
                          "options": { "delivery": "ONLINE" } }"""), "verify-" + UUID.randomUUID(), "zhangsan");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode certificate = issued.json().path("certificate");
        byte[] pdf = http.get(certificate.path("downloadUrl").asString(), "zhangsan").bytes();

        JsonNode before = verify(http, pdf);
        Http.Response landing = http.get(certificate.path("verifyUrl").asString(), null);
        Http.Response revoked = http.postJson("/api/v1/certificates/" + certificate.path("id").asString() + "/revoke",
                "{\"reason\": \"以欺骗手段取得登记\"}", "officer");
        JsonNode after = verify(http, pdf);

        assertThat(before.path("verdict").asString()).as(before.toString()).isEqualTo("VALID");
        assertThat(before.path("checks").path("status").path("certificateId").asString())
                .isEqualTo(certificate.path("id").asString());
        assertThat(before.path("certificate").path("number").asString()).isEqualTo(certificate.path("number").asString());
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("data-outcome=\"VALID\"").contains(certificate.path("number").asString());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(after.path("verdict").asString()).isEqualTo("INVALID");
        assertThat(after.path("checks").path("status").path("code").asString()).isEqualTo("CERTIFICATE_REVOKED");
        assertThat(after.path("certificate").path("statusReason").asString()).isEqualTo("以欺骗手段取得登记");
    }

    private static JsonNode verify(Http http, byte[] pdf) {
        Http.Response response = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "licence.pdf", "application/pdf", pdf), null, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
