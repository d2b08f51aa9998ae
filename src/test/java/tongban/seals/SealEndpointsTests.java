package tongban.seals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.seal.SealService;
import tongban.support.Http;

/** A verifier's view of our seals over HTTP: trust anchors, CRLs, no public timestamps; the registry for operators only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SealEndpointsTests {

    @LocalServerPort
    int port;
    @Autowired
    SealService seals;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void trustAnchorsArePublicPemOfTheLocalTestRoot() throws Exception {
        var r = http.get("/api/v1/trust-anchors", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-pem-file");
        var roots = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.US_ASCII)));
        assertThat(roots).isNotEmpty();
        X509Certificate root = (X509Certificate) roots.iterator().next();
        assertThat(root.getSubjectX500Principal().getName()).contains("LOCAL TEST");
        assertThat(r.body()).doesNotContain("PRIVATE");
    }

    @Test
    void theSealRegistryIsForOperatorsAndListsOneSealPerDepartment() {
        assertThat(http.get("/api/v1/seals", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/seals", "zhangsan").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/seals", "policy").status()).isEqualTo(403);
        var r = http.get("/api/v1/seals", "operator");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().findValuesAsString("departmentId")).contains("shanghai-amr", "shanghai-psb");
        assertThat(r.body()).contains("上海市市场监督管理局", "PKCS12").doesNotContain("PRIVATE", "password");
    }

    @Test
    void theTimestampAuthorityServesNoOneOverHttpUnlessConfiguredPublic() {
        // the sealer asks it in the process; PublicTimestampAuthorityTests serves it publicly
        var r = http.post("/tsa", "application/timestamp-query", HttpRequest.BodyPublishers.ofByteArray(new byte[]{1, 2, 3}), null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("code").asString()).isEqualTo("TSA_NOT_PUBLIC");
    }

    @Test
    void crlsOfTheLocalAuthorityArePublished() throws Exception {
        String file = seals.revocationLists().get(0).fileName();
        var r = http.get("/crl/" + file, null);
        assertThat(r.status()).isEqualTo(200);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(r.bytes()));
        assertThat(crl.getIssuerX500Principal().getName()).contains("LOCAL TEST");
        assertThat(http.get("/crl/nothing.crl", null).status()).isEqualTo(404);
    }
}
