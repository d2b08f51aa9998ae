package tongban.me;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;
import tongban.support.Http;
import tongban.tickets.TicketsApiTests;
import tools.jackson.databind.JsonNode;

/**
 * 市民主页 and the 12345 workbench in a real browser, through the pages only: the applicant sees the issued certificate
 * and who read their data, raises a ticket (markup typed stays text); the agent looks the application up with a
 * purpose, reads the decision in plain words and answers; the applicant sees the lookup and rates the answer; the
 * agent closes the ticket and the dashboard's figures change. Every page state passes axe-core; both languages, 360 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeAndAgentPagesTests {

    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

    @LocalServerPort
    int port;
    private Browser browser;
    private Http http;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        http = new Http(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void aTicketGoesFromTheApplicantToTheAgentAndBackAndTheFiguresChange() {
        String id = TicketsApiTests.issued(http);
        JsonNode application = http.get("/api/v1/applications/" + id, "zhangsan").json();
        String number = application.path("certificate").path("number").asString();

        browser.signIn("zhangsan").open("/me");
        browser.await("#me-name");
        assertThat(browser.find("#me-name").getText()).isEqualTo("张三");
        assertThat(browser.find("#me-id").getText()).isEqualTo("3101**********1234");
        assertThat(browser.find("#certificate-" + application.path("certificate").path("id").asString()).getText())
                .contains(number);
        assertThat(browser.find("#share-" + application.path("certificate").path("id").asString())
                .getAttribute("value")).contains("/verify/");
        assertThat(browser.find("#library-person").getText()).contains("张三").doesNotContain("汉族");
        assertThat(browser.find("#data-access-table").getText()).contains("您本人办事时");
        assertThat(browser.find("#application-" + id + " .timeline").getText()).contains("提交申请", "办结，电子证照已签发");
        browser.assertAccessible().screenshot("me");
        // the holder downloads the sealed PDF from the page; another applicant gets 404 for it (below)
        String certificate = application.path("certificate").path("id").asString();
        assertThat(fetch("/me/documents/" + certificate)).isEqualTo("200 application/pdf");

        // nothing written: the error summary, and the form open where the text goes
        browser.click("#application-" + id + " .raise-ticket summary").click("#raise-" + id);
        browser.await("#error-summary");
        assertThat(browser.driver().getTitle()).startsWith("错误：");
        browser.assertAccessible().screenshot("me-ticket-error");

        browser.type("#ticket-text-" + id, MARKUP).click("#ticket-kind-" + id + "-COMPLAINT").click("#raise-" + id);
        browser.await("#ticket-raised");
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
        assertThat(browser.find("#application-" + id + " .ticket-text").getText()).isEqualTo(MARKUP);
        browser.assertAccessible().screenshot("me-ticket-raised");
        String ticket = http.get("/api/v1/applications/" + id + "/tickets", "zhangsan").json().get(0).path("id")
                .asString();

        browser.signOut().signIn("agent").open("/agent");
        browser.await("#tickets-closed");
        long closedBefore = Long.parseLong(browser.find("#tickets-closed").getText());
        browser.assertAccessible().screenshot("agent");

        browser.type("#lookup-value", MARKUP).type("#purpose", MARKUP).click("#lookup-button");
        browser.await("#error-summary");
        assertThat(browser.driver().getTitle()).startsWith("错误：").doesNotContain("pwned");
        assertThat(browser.find("#lookup-value").getAttribute("value")).startsWith("<img");
        browser.assertAccessible().screenshot("agent-lookup-error");

        browser.type("#lookup-value", id).type("#purpose", "").click("#lookup-button");
        browser.awaitText("#error-summary", "用途");

        browser.type("#lookup-value", id).type("#purpose", "申请人来电询问证照").click("#lookup-button");
        browser.await("#found-" + id);
        assertThat(browser.find("#found-" + id + " .explain-status").getText()).contains("已经办结");
        assertThat(browser.find("#found-" + id + " .applicant-masked").getText()).isEqualTo("3101**********1234");
        assertThat(browser.find("#found-" + id).getText()).doesNotContain("lease.pdf");
        assertThat(browser.findAll("#found-" + id + " a[href*='/pdf'], #found-" + id + " a[href*='/documents/']"))
                .isEmpty();
        browser.assertAccessible().screenshot("agent-lookup");
        // from the application's tickets to the ticket, with its answer form
        browser.click("#found-" + id + " .open-ticket");
        browser.await("#all-tickets");
        assertThat(browser.find("#queue-ticket-" + ticket).getText()).contains(MARKUP);

        browser.type("#answer-" + ticket, "").click("#answer-button-" + ticket);
        browser.await("#error-summary");
        browser.assertAccessible();
        browser.type("#answer-" + ticket, "证照已生效。" + MARKUP).click("#answer-button-" + ticket);
        browser.await("#answered");
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible().screenshot("agent-answered");

        browser.signOut().signIn("zhangsan").open("/me");
        browser.await("#data-access-table");
        assertThat(browser.find("#data-access-table").getText()).contains("12345", "申请人来电询问证照", "agent");
        assertThat(browser.find("#ticket-" + ticket + " .answer-text").getText()).isEqualTo("证照已生效。" + MARKUP);
        browser.click("#rate-" + ticket);
        browser.await("#error-summary");
        browser.assertAccessible().screenshot("me-rating-error");
        browser.click("#rating-" + ticket + "-SATISFIED").click("#rate-" + ticket);
        browser.await("#ticket-rated");
        assertThat(browser.find("#ticket-" + ticket + " .rating-given").getText()).contains("满意");
        browser.assertAccessible().screenshot("me-rated");

        browser.signOut().signIn("lisi").open("/me");
        browser.await("#me-name");
        assertThat(fetch("/me/documents/" + certificate)).startsWith("404");
        assertThat(browser.find("main").getText()).doesNotContain(id, ticket, number);

        browser.signOut().signIn("agent").open("/agent?ticket=" + ticket);
        browser.await("#close-button-" + ticket);
        assertThat(fetch("/me/documents/" + certificate)).startsWith("403");
        browser.click("#close-button-" + ticket);
        browser.await("#closed");
        assertThat(Long.parseLong(browser.find("#tickets-closed").getText())).isEqualTo(closedBefore + 1);
        assertThat(browser.find("#resolution-rate").getText()).endsWith("%");
        assertThat(browser.find("#satisfaction-rate").getText()).endsWith("%");
        browser.assertAccessible().screenshot("agent-closed");
        browser.signOut();
    }

    /** The status and type of a GET from the page, with the page's cookies (a download the browser would save). */
    private String fetch(String path) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { redirect: 'manual' })
                  .then(r => done(r.status + ' ' + (r.headers.get('Content-Type') || '')))
                  .catch(e => done('error ' + e));""", path);
    }

    @Test
    void longListsArePaged() {
        String id = TicketsApiTests.issued(http);
        for (int i = 0; i < 11; i++) {
            assertThat(http.get("/api/v1/agent/applications?applicationId=" + id + "&purpose=paging" + i, "agent")
                    .status()).isEqualTo(200);
            assertThat(http.postJson("/api/v1/applications/" + id + "/tickets", "{\"text\":\"第" + i + "个问题\"}",
                    "zhangsan").status()).isEqualTo(201);
        }
        browser.signOut().signIn("zhangsan").open("/me");
        browser.await("a[rel=next][href*='reads=1']").click();
        browser.await("#data-access-table");
        assertThat(browser.url()).contains("reads=1");
        assertThat(browser.findAll("a[rel=prev][href*='reads=0']")).isNotEmpty();
        browser.assertAccessible().screenshot("me-reads-page-2");

        browser.signOut().signIn("agent").open("/agent");
        browser.await("a[rel=next][href*='page=1']").click();
        browser.await("#lookup-button");
        assertThat(browser.url()).contains("page=1");
        assertThat(browser.findAll("a[rel=prev]")).isNotEmpty();
        browser.assertAccessible().screenshot("agent-queue-page-2");
        browser.signOut();
    }

    @Test
    void englishPagesAndRoleBoundaries() {
        browser.signIn("acme").open("/me?lang=en");
        browser.await("#me-name");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find(".caption").getText()).isEqualTo("Company page");
        assertThat(browser.find("#library-legal_person").getText()).contains("上海阿克米餐饮管理有限公司")
                .doesNotContain("310115198008085010");
        browser.assertAccessible().screenshot("me-en-organisation");
        browser.open("/agent");
        assertThat(browser.findAll("#lookup-button")).isEmpty();

        browser.signOut().signIn("agent").open("/agent?lang=en");
        browser.await("#lookup-button");
        assertThat(browser.find("h1").getText()).isEqualTo("12345 workbench");
        browser.assertAccessible().screenshot("agent-en");
        browser.open("/me");
        assertThat(browser.findAll("#me-name")).isEmpty();
        browser.signOut();
    }
}
