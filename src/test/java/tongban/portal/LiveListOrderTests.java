package tongban.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;
import tongban.support.Fixtures;

/**
 * The application page sends its answers and its uploads from different forms, so their answers can come back out of
 * order. A list made before an upload that arrives after the upload's own must not replace it: each names the draft's
 * revision, and the older is not shown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveListOrderTests {

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
    private Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void aListMadeBeforeAnUploadAndArrivingAfterItIsNotShown() throws Exception {
        browser.signIn("zhangsan");
        PortalJourneyTests.Session session = new PortalJourneyTests.Session(browser, port);
        String draft = session.location(session.get("/apply/individual-business-registration"));
        String csrf = PortalJourneyTests.Session.csrf(session.get(draft).body());
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
}
