package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealCommand;
import tongban.seal.SealPosition;
import tongban.seal.SealService;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * Files we did not issue get a clear answer with the reason — unsigned, sealed by a stranger, not a PDF at all —
 * and a document our seal signed that is not a certificate is authentic but has no status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
class ForeignDocumentTests {

    @LocalServerPort
    int port;
    @Autowired
    RenderCertificate render;
    @Autowired
    SealService seals;
    @Autowired
    Archive archive;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void anUnsignedPdfIsInvalidBecauseItCarriesNoSeal() {
        JsonNode report = verify(Fixtures.pdf("营业执照 92310101MA49M3027F")).json();

        assertThat(report.path("verdict").asString()).isEqualTo("INVALID");
        assertThat(report.path("checks").path("integrity").path("code").asString()).isEqualTo("NO_SIGNATURE");
        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("STATUS_NOT_CHECKED");
        assertThat(report.path("checks").path("archive").path("code").asString()).isEqualTo("NOT_CHECKED");
    }

    @Test
    void aPdfSealedBySomeoneWeDoNotTrustIsNotVouchedFor() {
        JsonNode report = verify(Revisions.signedByStranger(Fixtures.pdf("营业执照"))).json();

        assertThat(report.path("verdict").asString()).isIn("INVALID", "INDETERMINATE");
        assertThat(report.path("checks").path("issuer").path("result").asString()).isEqualTo("FAILED");
        assertThat(report.path("checks").path("issuer").path("code").asString()).isIn("UNTRUSTED_SEAL", "UNKNOWN_SEAL");
        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("STATUS_NOT_CHECKED");
        assertThat(report.path("certificate").isNull()).isTrue();
    }

    @Test
    void aStrangersSignatureAppendedToAGenuineCertificateIsNotValid() {
        byte[] genuine = new Certificates(render, seals, archive).issue().pdf();

        JsonNode report = verify(Revisions.signedByStranger(genuine)).json();

        assertThat(report.path("verdict").asString()).isNotEqualTo("VALID");
    }

    @Test
    void aDocumentOurSealSignedThatIsNoCertificateIsAuthenticButHasNoStatus() {
        byte[] sealed = seals.seal(new SealCommand("shanghai-amr", Fixtures.pdf("告知书"),
                new SealPosition(1, 300, 100, 120, 120), "verification-tests", "a notice", null)).pdf();

        JsonNode report = verify(sealed).json();

        assertThat(report.path("checks").path("issuer").path("code").asString()).isEqualTo("TRUSTED_SEAL");
        assertThat(report.path("checks").path("status").path("code").asString()).isEqualTo("NOT_A_CERTIFICATE");
        assertThat(report.path("checks").path("status").path("result").asString()).isEqualTo("SKIPPED");
        assertThat(report.path("certificate").isNull()).isTrue();
    }

    @Test
    void somethingThatIsNotAPdfIsRefusedAsNotAPdf() {
        Http.Response response = verify(Fixtures.jpeg());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("code").asString()).isEqualTo("NOT_A_PDF");
    }

    @Test
    void anUploadWithoutAFileOrWithAnEmptyOneIsABadRequest() {
        Http.Response none = http.postMultipart("/api/v1/verify", new Multipart().json("other", "{}"), null, null);
        Http.Response empty = verify(new byte[0]);

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("code").asString()).isEqualTo("FILE_REQUIRED");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("code").asString()).isEqualTo("FILE_REQUIRED");
    }

    @Test
    void aBodyThatIsNotMultipartIsAnUnsupportedMediaType() {
        Http.Response response = http.postJson("/api/v1/verify", "{\"file\": \"JVBERi0=\"}", null);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.isProblem()).isTrue();
    }

    private Http.Response verify(byte[] bytes) {
        return http.postMultipart("/api/v1/verify", new Multipart().file("file", "upload.pdf", "application/pdf", bytes),
                null, null);
    }
}
