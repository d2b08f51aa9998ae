package tongban.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.archive.Archive;
import tongban.archive.ArchiveResult;
import tongban.archive.ECertificate;
import tongban.archive.StoreCertificate;
import tongban.support.Browser;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The three journeys through the portal's pages only, in a real browser (Chromium, 360 px wide unless said): 张三 finds
 * the business registration, fills it in, sees the one-time checklist change as he answers and uploads, checks his
 * answers, submits, downloads his business licence and verifies it; 李四's residence permit is accepted with a notice
 * and completed after the officer's check, and a renewal without a photo is told what is missing, then completed
 * with the answers kept; the organisation 阿克米 gets a food business licence under a commitment. Every page state
 * passes axe-core; screenshots are kept in src/target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalJourneyTests {

    static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
    static final String ACME = "91310115MA1H7K2X0N";

    /** Holds the answers to the answers form's requests (a slow network) until {@code __release()}. */
    private static final String SLOW_ANSWERS = """
            window.__held = [];
            const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
            XMLHttpRequest.prototype.open = function (method, url) { this.__url = url; return open.apply(this, arguments); };
            XMLHttpRequest.prototype.send = function () {
              const xhr = this, onload = xhr.onload;
              if (!String(xhr.__url).includes('/files/')) {
                xhr.onload = function (e) { window.__held.push(() => onload.call(xhr, e)); };
              }
              return send.apply(this, arguments);
            };
            window.__release = () => window.__held.splice(0).forEach(f => f());
            """;

    @LocalServerPort
    int port;
    @Autowired
    Archive archive;
    @Autowired
    JdbcClient jdbc;
    private Browser browser;
    private Http http;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        http = new Http(port);
    }

    @AfterEach
    void signOut() {
        browser.resize(360, 915).open("/").signOut();
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void zhangsanFindsTheItemAppliesAndDownloadsAVerifiedBusinessLicence() throws Exception {
        browser.signIn("zhangsan").open("/");
        browser.assertAccessible().screenshot("portal-home");
        browser.type("#q", "个体").click("#search-button");
        browser.await("#item-individual-business-registration");
        assertThat(browser.find("#results-heading").getText()).contains("1");
        browser.click("#item-individual-business-registration");

        browser.await("#start");
        assertThat(browser.find("h1").getText()).isEqualTo("个体工商户设立登记");
        assertThat(browser.find("#holds").getText()).contains("实名认证");
        assertThat(browser.find("#time-limit").getText()).isEqualTo("当场办结");
        browser.assertAccessible().screenshot("portal-guide");
        browser.click("#start");

        browser.await("#answers");
        assertThat(browser.find("#held").getText()).contains("张三").doesNotContain("310101199001011234");
        browser.assertAccessible();
        browser.type("#f-businessName", "上海市黄浦区张三便利店").type("#f-premisesAddress", "上海市黄浦区南京东路1号");
        tick("#f-businessScope", true);
        WebElement premises = awaitStatus("premises-proof", "MISSING");
        assertThat(premises.getText()).contains("缺少");
        assertThat(browser.find("#status-operator-id").getText()).contains("已有");
        assertThat(browser.find("#trips").getText()).contains("0 次").contains("最多跑一次");
        browser.assertAccessible().screenshot("portal-apply-missing");

        browser.awaitIdle().attach("#file-premises-proof", "lease.pdf", Fixtures.pdf("租赁合同"));
        assertThat(awaitStatus("premises-proof", "PROVIDED").getText()).contains("已上传");
        assertThat(browser.await("#verdict-premises-proof").getText()).contains("检查通过").contains("lease.pdf");
        browser.assertAccessible();
        browser.resize(1280, 900).screenshot("portal-apply-desktop").resize(360, 915);

        browser.click("#continue");
        browser.await("#submit");
        assertThat(browser.find("#answers-summary").getText()).contains("上海市黄浦区张三便利店").contains("一般零售");
        browser.assertAccessible().screenshot("portal-review");
        browser.click("#submit");

        browser.await("#certificate-number");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.find("#certificate-number").getText()).matches("[0-9A-Z]{18}");
        assertThat(browser.find("#qr").getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        browser.assertAccessible();
        browser.resize(1280, 900).screenshot("portal-certificate-desktop").resize(360, 915).screenshot("portal-certificate");
        String result = browser.url();

        byte[] pdf = withSession(URI.create(browser.find("#download-certificate").getAttribute("href")).getPath());
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        Http.Response report = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "licence.pdf", "application/pdf", pdf), null, null);
        assertThat(report.json().path("verdict").asString()).isEqualTo("VALID");
        browser.open(URI.create(browser.find("#verify-link").getAttribute("href")).getPath());
        assertThat(browser.await("#verdict").getAttribute("data-outcome")).isEqualTo("VALID");

        // the result and its documents are 张三's only: anyone else is told they do not exist
        browser.open("/").signOut().signIn("lisi");
        browser.driver().get(result);
        assertThat(browser.find("h1").getText()).isEqualTo("页面不存在");
    }

    @Test
    void lisisFirstPermitIsAcceptedWithANoticeAndIssuedAfterTheCheck() {
        browser.signIn("lisi").open("/items/residence-permit");
        assertThat(browser.find("#time-limit").getText()).contains("15 日").contains("自然日");
        browser.click("#start");
        browser.await("#answers");
        browser.click("#f-applicationType").click("#f-basis").click("#delivery-PICKUP");
        awaitText("#trips", "2 次");
        assertThat(browser.find("#trips").getText()).contains("超过一次");
        assertThat(browser.find("#suggestion").getText()).contains("邮寄");
        assertThat(browser.find("#status-employment-proof").getText()).contains("已有");
        browser.assertAccessible().screenshot("portal-permit-two-trips");
        assertThat(browser.find("#f-postal-recipient").isDisplayed()).isFalse();
        browser.click("#delivery-POST");
        awaitText("#trips", "1 次");
        assertThat(browser.findAll("#suggestion")).isEmpty();
        assertThat(browser.find("#trips").getText()).contains("符合最多跑一次");

        // post asks for the address beside the choice: a bad phone and a name of markup are told beside their fields,
        // with everything typed kept as text
        assertThat(browser.find("#f-postal-recipient").isDisplayed()).isTrue();
        browser.type("#f-postal-recipient", MARKUP).type("#f-postal-phone", "12345")
                .type("#f-postal-address", MARKUP + "浦东新区");
        browser.click("#continue");
        browser.await("#error-summary");
        assertThat(browser.find("#error-summary").getText()).contains("收件人姓名").contains("11 位手机号码");
        assertThat(browser.find("#f-postal-phone-error").getText()).contains("11 位手机号码");
        assertThat(browser.find("#f-postal-recipient-error").getText()).contains("收件人姓名");
        assertThat(browser.findAll("#f-postal-address-error")).isEmpty();
        assertThat(browser.find("#f-postal-recipient").getAttribute("value")).isEqualTo(MARKUP);
        assertThat(browser.find("#f-postal-phone").getAttribute("value")).isEqualTo("12345");
        assertThat(browser.find("#f-postal-address").getAttribute("value")).isEqualTo(MARKUP + "浦东新区");
        assertThat(browser.find("#delivery-POST").isSelected()).isTrue();
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        browser.assertAccessible().screenshot("portal-permit-postal-errors");
        String draft = browser.url().replaceAll("[?#].*", "");
        browser.driver().get(draft + "?lang=en");
        browser.await("#continue").click();
        assertThat(browser.await("#f-postal-phone-error").getText()).contains("11-digit mobile number");
        assertThat(browser.find("#f-postal-address").getAttribute("value")).isEqualTo(MARKUP + "浦东新区");
        browser.assertAccessible();
        browser.driver().get(draft);
        browser.await("#f-postal-recipient");
        browser.type("#f-postal-recipient", "李四").type("#f-postal-phone", "021-58881234")
                .type("#f-postal-address", "上海市浦东新区世纪大道100号");

        browser.click("#continue");
        browser.await("#submit");
        assertThat(browser.find("#answers-summary").getText()).contains("李四").contains("021-58881234")
                .contains("上海市浦东新区世纪大道100号");
        assertThat(browser.find("#answers-summary a[href$='#f-postal-phone']").getAttribute("textContent"))
                .contains("收件人电话");
        browser.assertAccessible().screenshot("portal-permit-postal-review");
        browser.click("#submit");
        browser.await("#status");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("ACCEPTED");
        assertThat(browser.find("#deadline").getText()).contains("15 日内").containsPattern("\\d{4}-\\d{2}-\\d{2}");
        assertThat(browser.find(".portal-notice-link").getText()).contains("受理通知书");
        assertThat(browser.find("#steps").getText()).contains("社区事务受理服务中心");
        browser.assertAccessible().screenshot("portal-permit-accepted");

        // the officer of lisi's district (浦东新区) records the check at the community affairs centre and completes it
        // (the README's commands)
        String id = browser.find("#application-id").getText();
        assertThat(http.send("POST", "/api/v1/applications/" + id + "/in-person-check",
                HttpRequest.BodyPublishers.ofString("{\"checked\":\"身份证原件，现场采集相片\",\"result\":\"PASSED\"}"),
                "officer2", "application/json").status()).isEqualTo(201);
        assertThat(http.send("POST", "/api/v1/applications/" + id + "/complete", HttpRequest.BodyPublishers.noBody(),
                "officer2").status()).isEqualTo(200);
        browser.driver().navigate().refresh();
        assertThat(browser.await("#status").getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.find("#certificate-number").getText()).isNotBlank();
        assertThat(browser.findAll(".portal-notice-link")).hasSize(1);
        browser.assertAccessible().screenshot("portal-permit-issued");
        // the paper permit is posted to the address typed on the portal
        JsonNode parcel = awaitParcel(id, "lisi");
        assertThat(parcel.path("status").asString()).as(parcel.toString()).isEqualTo("CREATED");
        assertThat(parcel.path("recipient").asString()).isEqualTo("李四");
        assertThat(parcel.path("phone").asString()).isEqualTo("021*****1234");
    }

    @Test
    void lisisRenewalWithoutAPhotoIsToldWhatIsMissingThenCompletedWithTheAnswersKept() {
        browser.signIn("lisi").open("/apply/residence-permit");
        browser.await("#answers");
        browser.click("#f-applicationType-1").click("#f-basis");
        assertThat(awaitStatus("photo", "MISSING").getText()).contains("缺少");
        browser.click("#continue");
        browser.await("#submit").click();

        browser.await("#status");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("INCOMPLETE");
        assertThat(browser.find("#missing").getText()).contains("本人相片");
        assertThat(browser.find(".portal-notice-link").getText()).contains("一次性告知书");
        browser.assertAccessible().screenshot("portal-permit-incomplete");

        browser.click("#apply-again");
        browser.await("#answers");
        assertThat(browser.find("#f-applicationType-1").isSelected()).isTrue();
        browser.attach("#file-photo", "photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertThat(browser.await("#verdict-photo").getText()).contains("未通过检查");
        assertThat(awaitStatus("photo", "MISSING")).isNotNull();
        browser.assertAccessible();
        browser.attach("#file-photo", "photo.jpg", Fixtures.jpeg());
        awaitText("#verdict-photo", "检查通过");
        awaitStatus("photo", "PROVIDED");
        browser.click("#continue");
        browser.await("#submit").click();
        assertThat(browser.await("#status").getAttribute("data-status")).isEqualTo("ISSUED");
    }

    @Test
    void theOrganisationAcmeGetsAFoodBusinessLicenceUnderACommitment() {
        holdBusinessLicence(ACME);
        browser.signIn("acme").open("/items/food-business-licence");
        assertThat(browser.find("#material-business-licence").getText()).contains("平台已有");
        browser.click("#start");
        browser.await("#answers");
        assertThat(browser.find("#held").getText()).contains("上海阿克米餐饮管理有限公司").contains(ACME);
        browser.click("#f-businessForm-1");
        tick("#commitment", false);
        tick("#f-foodCategories-3", true);
        tick("#f-foodSafetyManager", true);
        awaitStatus("food-safety-rules", "MISSING");
        tick("#commitment", true);
        assertThat(awaitStatus("food-safety-rules", "COMMITTED").getText()).contains("承诺");
        assertThat(browser.find("#status-business-licence").getText()).contains("已有");
        browser.awaitIdle().attach("#file-equipment-layout", "layout.pdf", Fixtures.pdf("设备布局"));
        awaitStatus("equipment-layout", "PROVIDED");
        browser.assertAccessible().screenshot("portal-food-licence");
        browser.click("#continue");
        browser.await("#submit").click();
        assertThat(browser.await("#status").getAttribute("data-status")).isEqualTo("ISSUED");
        assertThat(browser.find("#certificate-number").getText()).matches("JY\\d{14}");
    }

    @Test
    void lisiWithTwoBusinessesChoosesTheOneHerHealthLicenceIsFor() throws Exception {
        String first = registerABusiness("lisi", "上海市黄浦区李四理发店");
        String second = registerABusiness("lisi", "上海市黄浦区李四浴室");
        browser.signIn("lisi").open("/apply/public-place-health-licence");
        browser.await("#answers");
        // her two business licences are offered
        assertThat(browser.findAll("input[name='f.businessLicence']").stream().map(e -> e.getAttribute("value")))
                .containsExactlyInAnyOrder(first, second);
        // each by the name it was registered under
        assertThat(browser.find("#answers").getText()).contains("上海市黄浦区李四理发店 · " + first,
                "上海市黄浦区李四浴室 · " + second);
        browser.click("input[name='f.businessLicence'][value='" + first + "']");
        new org.openqa.selenium.support.ui.Select(browser.find("#f-venueCategory")).selectByValue("barber-beauty");
        browser.type("#f-premisesAddress", "上海市黄浦区南京东路1号2层");
        tick("#f-staffHealthCertificates", true);
        // each file once the list has answered the change before it
        browser.awaitIdle();
        awaitStatus("floor-plan", "MISSING");
        browser.attach("#file-floor-plan", "plan.pdf", Fixtures.pdf("平面图"));
        awaitStatus("floor-plan", "PROVIDED");
        browser.awaitIdle().attach("#file-hygiene-report", "report.pdf", Fixtures.pdf("卫生检测报告"));
        awaitStatus("hygiene-report", "PROVIDED");
        browser.awaitIdle().attach("#file-hygiene-rules", "rules.pdf", Fixtures.pdf("卫生管理制度"));
        awaitStatus("hygiene-rules", "PROVIDED");
        browser.assertAccessible().screenshot("portal-health-licence");
        browser.click("#continue");
        browser.await("#submit");
        assertThat(browser.find("#answers-summary").getText()).contains(first).doesNotContain(second);
        browser.click("#submit");

        assertThat(browser.await("#status").getAttribute("data-status")).isEqualTo("ISSUED");
        byte[] pdf = withSession(URI.create(browser.find("#download-certificate").getAttribute("href")).getPath());
        try (var doc = new com.itextpdf.kernel.pdf.PdfDocument(new com.itextpdf.kernel.pdf.PdfReader(
                new java.io.ByteArrayInputStream(pdf)))) {
            String text = com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor.getTextFromPage(doc.getPage(1))
                    .replaceAll("\\s", "");
            assertThat(text).contains(first, "上海市黄浦区李四理发店").doesNotContain(second, "浴室");
        }
    }

    @Test
    void withNoBusinessLicenceTheCreditCodeIsTypedAndMarkupStaysText() {
        // 王五 holds no business licence: the field is a text input, in English on a phone
        browser.signIn("wangwu").open("/apply/public-place-health-licence?lang=en");
        browser.await("#answers");
        assertThat(browser.find("label[for='f-businessLicence']").getText())
                .isEqualTo("Unified social credit code on the business licence");
        browser.type("#f-businessLicence", MARKUP);
        tick("#f-staffHealthCertificates", true);
        browser.awaitIdle();
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
        // kept as typed, as text, up to the field's 40 characters
        assertThat(MARKUP).startsWith(browser.find("#f-businessLicence").getAttribute("value"));
        Number overflow = (Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        browser.assertAccessible().screenshot("portal-health-licence-typed-en");
    }

    /** Registers an individual business through the API, as the applicant would have before; its credit code. */
    private String registerABusiness(String username, String name) {
        Http.Response registered = http.postMultipart("/api/v1/applications", new Multipart().json("application", """
                        { "item": "individual-business-registration",
                          "form": { "businessName": "%s", "businessScope": ["retail-general"],
                                    "premisesAddress": "上海市黄浦区南京东路1号" },
                          "options": { "delivery": "ONLINE" } }""".formatted(name))
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")),
                "test-" + UUID.randomUUID(), username);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("status").asString()).as(registered.body()).isEqualTo("ISSUED");
        return registered.json().path("certificate").path("number").asString();
    }

    /**
     * The application page sends its answers and its uploads from different forms, so their answers can come back out
     * of order. A list made before an upload that arrives after the upload's own must not replace it: each names the
     * draft's revision, and the older is not shown.
     */
    @Test
    void aListMadeBeforeAnUploadAndArrivingAfterItIsNotShown() throws Exception {
        browser.signIn("zhangsan");
        Session session = new Session(browser, port);
        String draft = session.location(session.get("/apply/individual-business-registration"));
        String csrf = Session.csrf(session.get(draft).body());
        HttpResponse<String> answered = session.postForm(draft, "_csrf", csrf, "f.businessName", "张三的店",
                "f.premisesAddress", "上海市黄浦区南京东路1号", "f.businessScope", "retail-general", "delivery", "ONLINE",
                "action", "update");
        assertThat(answered.statusCode()).isEqualTo(302);
        browser.open(draft);
        browser.await("#status-premises-proof[data-status='MISSING']");

        ((JavascriptExecutor) browser.driver()).executeScript(SLOW_ANSWERS);
        browser.click("#delivery-PICKUP");
        // its list is made (before the file is sent) and held on the way
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20)).until(d ->
                ((Number) ((JavascriptExecutor) d).executeScript("return window.__held.length")).intValue() == 1);
        browser.attach("#file-premises-proof", "lease.pdf", Fixtures.pdf("租赁合同"));
        browser.await("#status-premises-proof[data-status='PROVIDED']");
        // the list made for the change before the upload, without the file, comes now
        ((JavascriptExecutor) browser.driver()).executeScript("window.__release()");
        browser.awaitIdle();

        assertThat(browser.find("#status-premises-proof").getAttribute("data-status")).isEqualTo("PROVIDED");
        assertThat(browser.find("#delivery-PICKUP").isSelected()).isTrue();
        // what was kept is what is shown: the check page has both the answer and the file
        browser.click("#continue");
        browser.await("#submit");
        assertThat(browser.find("#answers-summary").getText()).contains("张三的店");
        assertThat(browser.find("#status-premises-proof").getAttribute("data-status")).isEqualTo("PROVIDED");
        browser.click("#submit");
        assertThat(browser.await("#status").getAttribute("data-status")).isEqualTo("ISSUED");
    }

    @Test
    void markupTypedIntoEveryFieldStaysTextAndTheErrorsAreSummarisedWithTheEntriesKept() {
        browser.signIn("wangwu").open("/?q=" + java.net.URLEncoder.encode(MARKUP, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.find("#q").getAttribute("value")).isEqualTo(MARKUP);
        assertThat(browser.find("#no-results")).isNotNull();
        browser.open("/apply/individual-business-registration");
        browser.await("#answers");
        for (WebElement box : browser.findAll("input[name='f.businessScope']:checked")) {
            box.click();
        }
        browser.type("#f-businessName", MARKUP).type("#f-premisesAddress", "");
        browser.click("#continue");

        browser.await("#error-summary");
        assertThat(browser.driver().getTitle()).startsWith("错误：").doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
        String summary = browser.find("#error-summary").getText();
        assertThat(summary).contains("最多 30 个字").contains("请填写经营场所").contains("请选择经营范围");
        assertThat(browser.find("#f-businessName").getAttribute("value")).isEqualTo(MARKUP);
        assertThat(browser.find("#f-businessName-error").getText()).contains("最多 30 个字");
        browser.assertAccessible().screenshot("portal-apply-errors");
        browser.click("#error-summary a");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("f-businessName");

        // a short piece of markup is a valid name: the check page shows it as text
        browser.type("#f-businessName", "<b>x</b>").type("#f-premisesAddress", "<i>上海</i>");
        tick("#f-businessScope", true);
        awaitStatus("premises-proof", "MISSING");
        browser.click("#continue");
        browser.await("#submit");
        assertThat(browser.find("#answers-summary").getText()).contains("<b>x</b>").contains("<i>上海</i>");
        assertThat(browser.findAll("#answers-summary b, #answers-summary i")).isEmpty();
        browser.assertAccessible();
    }

    @Test
    void theEnglishPagesOnAPhoneAndADesktop() {
        browser.open("/?lang=en");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("h1").getText()).isEqualTo("One door to every government service");
        browser.assertAccessible().screenshot("portal-home-en");
        browser.click("#item-residence-permit");
        browser.await("#start");
        assertThat(browser.url()).contains("lang=en");
        assertThat(browser.find("#time-limit").getText()).isEqualTo("15 calendar days (not working days)");
        browser.assertAccessible().screenshot("portal-guide-en");

        browser.signIn("lisi").open("/apply/residence-permit?lang=en");
        browser.await("#answers");
        assertThat(browser.url()).contains("lang=en");
        assertThat(browser.find("#checklist-heading").getText()).isEqualTo("Your checklist");
        browser.click("#f-applicationType").click("#f-basis");
        awaitText("#trips", "at most one trip");
        assertThat(browser.find("#status-applicant-id").getText()).contains("Held");
        browser.assertAccessible().screenshot("portal-apply-en");
        // a phone: nothing wider than the window
        Number overflow = (Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        browser.resize(1280, 900).assertAccessible().screenshot("portal-apply-en-desktop");
    }

    /**
     * Without JavaScript the same journey is plain form posts (here an HTTP client with the browser's session): update
     * the checklist, upload, continue, submit. Two submissions of the check page at once (a double click) are one
     * application with one certificate.
     */
    @Test
    void withoutJavaScriptThePlainFormsDoTheSameAndADoubleSubmitIssuesOnce() throws Exception {
        browser.signIn("zhangsan");
        Session session = new Session(browser, port);
        int before = applications(http);
        String draft = session.location(session.get("/apply/individual-business-registration"));
        HttpResponse<String> page = session.get(draft);
        assertThat(page.statusCode()).isEqualTo(200);
        String csrf = Session.csrf(page.body());

        HttpResponse<String> updated = session.postForm(draft, "_csrf", csrf, "f.businessName", "张三的店",
                "f.premisesAddress", "上海市黄浦区南京东路1号", "f.businessScope", "retail-general", "f.businessScope",
                "catering", "delivery", "ONLINE", "action", "update");
        assertThat(updated.statusCode()).isEqualTo(302);
        assertThat(session.get(draft).body()).contains("id=\"status-premises-proof\" data-status=\"MISSING\"");

        Multipart upload = new Multipart().text("_csrf", csrf).file("file", "lease.pdf", "application/pdf",
                Fixtures.pdf("租赁合同"));
        assertThat(session.post(draft + "/files/premises-proof", upload.contentType(), upload.publisher()).statusCode())
                .isEqualTo(302);
        String withFile = session.get(draft).body();
        assertThat(withFile).contains("id=\"status-premises-proof\" data-status=\"PROVIDED\"").contains("lease.pdf");

        String review = session.location(session.postForm(draft, "_csrf", csrf, "f.businessName", "张三的店",
                "f.premisesAddress", "上海市黄浦区南京东路1号", "f.businessScope", "retail-general", "f.businessScope",
                "catering", "delivery", "ONLINE", "action", "review"));
        String check = session.get(review).body();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(check);
        assertThat(key.find()).isTrue();
        var submits = java.util.stream.IntStream.range(0, 2).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
                () -> session.postForm(draft + "/submit", "_csrf", csrf, "key", key.group(1)))).toList();
        var locations = submits.stream().map(java.util.concurrent.CompletableFuture::join).map(session::location).toList();
        assertThat(locations.get(0)).contains("/apply/applications/").isEqualTo(locations.get(1));
        assertThat(session.get(locations.get(0)).body()).contains("data-status=\"ISSUED\"");
        assertThat(applications(http)).isEqualTo(before + 1);
    }

    /** A plain HTTP client (no JavaScript, redirects not followed) with the session the browser signed in with. */
    record Session(HttpClient client, String cookies, String base) {

        Session(Browser browser, int port) {
            this(HttpClient.newHttpClient(), browser.driver().manage().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; ")), "http://localhost:" + port);
        }

        static String csrf(String html) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
            assertThat(m.find()).as("a CSRF token in the page").isTrue();
            return m.group(1);
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        HttpResponse<String> postForm(String path, String... pairs) {
            StringBuilder form = new StringBuilder();
            for (int i = 0; i < pairs.length; i += 2) {
                form.append(form.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(pairs[i], java.nio.charset.StandardCharsets.UTF_8))
                        .append('=').append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
            }
            return post(path, "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString(form.toString()));
        }

        HttpResponse<String> post(String path, String type, HttpRequest.BodyPublisher body) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type).POST(body));
        }

        /** Where a redirect leads, as a path with its query. */
        String location(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            URI to = URI.create(response.headers().firstValue("Location").orElseThrow());
            return to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The material's line of the live checklist once it shows {@code status}. */
    /** How many applications zhangsan has: the list is paged, its total is in {@code X-Total-Count}. */
    private static int applications(Http http) {
        return Integer.parseInt(http.get("/api/v1/applications?size=1", "zhangsan").headers()
                .firstValue("X-Total-Count").orElseThrow());
    }

    /** The application's delivery once the carrier took the parcel (or gave up), waiting up to a minute. */
    private JsonNode awaitParcel(String application, String user) {
        Instant until = Instant.now().plusSeconds(60);
        JsonNode delivery;
        do {
            Http.Response r = http.get("/api/v1/applications/" + application + "/delivery", user);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            delivery = r.json();
        } while (delivery.path("status").asString().equals("PENDING") && Instant.now().isBefore(until) && pause());
        return delivery;
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private WebElement awaitStatus(String material, String status) {
        return browser.await("#status-" + material + "[data-status='" + status + "']");
    }

    /** Waits until an element's text holds {@code text} (htmx may replace the element meanwhile). */
    private void awaitText(String css, String text) {
        new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Sets a checkbox, whatever a resumed draft left in it. */
    private void tick(String css, boolean on) {
        if (browser.find(css).isSelected() != on) {
            browser.click(css);
        }
    }

    /** GETs a page link with the browser's session, as the browser's own download would. */
    private byte[] withSession(String path) throws IOException, InterruptedException {
        Session session = new Session(browser, port);
        HttpResponse<byte[]> response = session.client().send(HttpRequest.newBuilder(URI.create(session.base() + path))
                .header("Cookie", session.cookies()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return response.body();
    }

    /**
     * The organisation holds a business licence from its company registration, an item this platform does not serve:
     * the licence is registered and claimed by an application, as one issued here would be.
     */
    private void holdBusinessLicence(String uscc) {
        if (archive.certificates().listByHolder(uscc).stream().anyMatch(c -> c.type().equals("business-licence"))) {
            return;
        }
        byte[] pdf = ("%PDF-1.7\n% licence " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
        ECertificate licence = ((ArchiveResult.Stored<ECertificate>) archive.certificates().store(new StoreCertificate(
                UUID.randomUUID(), "business-licence", uscc, uscc, "上海市市场监督管理局", Instant.now(), Optional.empty(),
                pdf))).record();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into application (id, username, subject_id, item, idempotency_key, request_sha256, status, request, "
                        + "certificate_id, certificate_number, created_at, updated_at) values (?, 'acme', ?, 'company-registration', "
                        + "?, ?, 'ISSUED', cast(? as jsonb), ?, ?, ?, ?)")
                .params(UUID.randomUUID(), uscc, "fixture-" + UUID.randomUUID(), "0".repeat(64),
                        "{\"form\":{\"businessName\":\"上海阿克米餐饮管理有限公司\",\"premisesAddress\":\"上海市浦东新区张江路88号\"}}",
                        licence.id(), uscc, now, now)
                .update();
    }

}
