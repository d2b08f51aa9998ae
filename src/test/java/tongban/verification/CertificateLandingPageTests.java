package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tongban.support.Http;

/** The page a certificate's QR code opens: its status in words, its particulars, and the way to check the file. */
class CertificateLandingPageTests extends IssuedCertificateTestBase {


    @Test
    void theQrCodesPageShowsAValidCertificateAndNoOnesName() {
        Certificates.Issued issued = certificates.issue();

        Http.Response response = http.get("/verify/" + issued.id(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<html lang=\"zh-CN\"").contains("data-outcome=\"VALID\"")
                .contains(issued.number()).contains("营业执照").contains("上海市市场监督管理局").contains("长期")
                .contains(GenuineCertificateTests.sha256(issued.pdf())).contains("enctype=\"multipart/form-data\"")
                .doesNotContain("陈建国").doesNotContain("310101198503121236");
    }

    @Test
    void aRevokedCertificatesPageSaysRevokedWithTheReason() {
        Certificates.Issued issued = certificates.issue();
        certificates.revoke(issued.id(), "经营者申请注销");

        String en = http.get("/verify/" + issued.id() + "?lang=en", null).body();
        String zh = http.get("/verify/" + issued.id(), null).body();

        assertThat(zh).contains("data-outcome=\"REVOKED\"").contains("已吊销").contains("经营者申请注销");
        assertThat(en).contains("<html lang=\"en\"").contains("Revoked").contains("Business licence");
    }

    @Test
    void anUnknownCertificateIsNotFound() {
        for (String id : new String[] {UUID.randomUUID().toString(), "%3Cscript%3E"}) {
            Http.Response response = http.get("/verify/" + id, null);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.contentType()).startsWith("text/html");
            assertThat(response.body()).contains("未找到该证照").doesNotContain("<script>");
        }
    }
}
