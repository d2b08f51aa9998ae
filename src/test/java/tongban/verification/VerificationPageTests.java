package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;

/**
 * The verification page over plain HTTP, as a browser without scripts sees it: Chinese by default and English on
 * request, nothing loaded from elsewhere, a labelled file input, and a form post that answers with the verdict.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
class VerificationPageTests {

    private static final Pattern FOREIGN = Pattern.compile("(?i)(src|href|action)\\s*=\\s*\"(https?:)?//");

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
    void thePageIsChineseByDefaultAndEnglishOnRequestWithoutALogin() {
        Http.Response zh = http.get("/verify", null);
        Http.Response en = http.get("/verify?lang=en", null);

        assertThat(zh.status()).isEqualTo(200);
        assertThat(zh.contentType()).startsWith("text/html");
        assertThat(zh.body()).contains("<html lang=\"zh-CN\"").contains("证照验证").contains("href=\"/verify?lang=en\"");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).contains("<html lang=\"en\"").contains("Verify a certificate")
                .contains("action=\"/verify?lang=en\"").doesNotContain("证照验证");
    }

    @Test
    void eachPageIsSentWithTheContentLanguageOfItsOwnLanguageWhateverTheBrowserAsksFor() {
        Certificates.Issued issued = new Certificates(render, seals, archive).issue();
        byte[] pdf = issued.pdf();

        for (String accept : new String[] {"en-US,en;q=0.9", "zh-CN,zh;q=0.9", "fr"}) {
            assertThat(languageOf(http.withHeader("GET", "/verify", "Accept-Language", accept, noBody()))).isEqualTo("zh-CN");
            assertThat(languageOf(http.withHeader("GET", "/verify?lang=en", "Accept-Language", accept, noBody())))
                    .isEqualTo("en");
            assertThat(languageOf(http.withHeader("GET", "/verify/" + issued.id(), "Accept-Language", accept, noBody())))
                    .isEqualTo("zh-CN");
            assertThat(languageOf(http.withHeader("GET", "/verify/" + issued.id() + "?lang=en", "Accept-Language", accept,
                    noBody()))).isEqualTo("en");
        }
        assertThat(languageOf(post("/verify", pdf))).isEqualTo("zh-CN");
        assertThat(languageOf(post("/verify?lang=en", pdf))).isEqualTo("en");
        assertThat(languageOf(post("/verify", Fixtures.jpeg()))).as("an error page").isEqualTo("zh-CN");
    }

    private static String languageOf(Http.Response response) {
        assertThat(response.contentType()).startsWith("text/html");
        return response.headers().firstValue("Content-Language").orElse(null);
    }

    private static java.net.http.HttpRequest.BodyPublisher noBody() {
        return java.net.http.HttpRequest.BodyPublishers.noBody();
    }

    @Test
    void thePageRunsNoScriptAndLoadsNothingFromElsewhere() {
        for (String path : new String[] {"/verify", "/verify?lang=en"}) {
            Http.Response response = http.get(path, null);
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'none'").contains("style-src 'self'").contains("font-src 'self'")
                    .doesNotContain("script-src");
            String page = response.body();
            assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("@import").doesNotContain("url(");
            assertThat(FOREIGN.matcher(page).find()).as(path).isFalse();
        }
        Http.Response css = http.get(VerificationPageController.STYLESHEET, null);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        // one url: the page's own font, from this server
        assertThat(css.body().replace("url(\"" + PageFont.PATH + "\")", "")).doesNotContain("url(")
                .doesNotContain("@import");
    }

    @Test
    void theFileInputHasALabelAndTheFormPostsWithoutScript() {
        String page = http.get("/verify", null).body();

        assertThat(page).contains("<label for=\"file\">证照 PDF 文件</label>")
                .contains("<input id=\"file\" name=\"file\" type=\"file\" accept=\"application/pdf,.pdf\" required")
                .contains("method=\"post\" enctype=\"multipart/form-data\"")
                .contains("<button type=\"submit\">验证</button>");
    }

    @Test
    void postingAGenuineCertificateAnswersWithThePageSayingValid() {
        Certificates.Issued issued = new Certificates(render, seals, archive).issue();

        Http.Response response = post("/verify", issued.pdf());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("data-outcome=\"VALID\"").contains(">有效<").contains(issued.number())
                .contains("文件完整").contains("签发机关").contains("证照状态").contains("<details>")
                .contains("上海市市场监督管理局").doesNotContain("陈建国");
    }

    @Test
    void postingInEnglishAnswersInEnglish() {
        Certificates.Issued issued = new Certificates(render, seals, archive).issue();

        String page = post("/verify?lang=en", issued.pdf()).body();

        assertThat(page).contains("<html lang=\"en\"").contains(">Valid<").contains("Document intact")
                .contains("Shanghai Administration for Market Regulation").contains("Business licence");
    }

    @Test
    void postingSomethingElseExplainsWhatIsWrongOnThePage() {
        Http.Response photo = post("/verify", Fixtures.jpeg());
        Http.Response unsigned = post("/verify", Fixtures.pdf("营业执照"));

        assertThat(photo.status()).isEqualTo(415);
        assertThat(photo.contentType()).startsWith("text/html");
        assertThat(photo.body()).contains("role=\"alert\"").contains("这不是 PDF 文件");
        assertThat(unsigned.status()).isEqualTo(200);
        assertThat(unsigned.body()).contains("data-outcome=\"NOT_OURS\"").contains("非本平台签发").contains("文件上没有电子印章");
    }

    @Test
    void postingWithoutAFileAsksForOne() {
        Http.Response response = http.postMultipart("/verify", new Multipart().json("other", "{}"), null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("请选择一个 PDF 文件");
    }

    private Http.Response post(String path, byte[] pdf) {
        return http.postMultipart(path, new Multipart().file("file", "licence.pdf", "application/pdf", pdf), null, null);
    }
}
