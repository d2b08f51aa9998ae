package tongban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;
import tongban.support.Http;

/**
 * {@code /me} in a real browser shows a posted certificate's parcel: the carrier, the tracking number, the masked
 * phone and the carrier's events, then the parcel back at the district's window with why; the recipient typed as
 * markup stays text. Both languages pass axe-core.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tongban.delivery.retry.initial=200ms", "tongban.delivery.dispatch-interval=1s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryPageBrowserTests {

    /** A recipient's name as markup, within the 40 characters a name may have. */
    private static final String MARKUP = "<b>张三</b><img src=x onerror=alert(1)>";

    @LocalServerPort
    int port;
    private Browser browser;
    private Http http;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        browser.resize(360, 915);
        http = new Http(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void theParcelsTimelineIsOnMyPageInBothLanguages() {
        String postal = "{ \"recipient\": \"" + MARKUP + "\", \"phone\": \"13800138000\", \"address\": \"上海市黄浦区南京东路1号\" }";
        String id = PostedApplications.apply(http, postal).path("id").asString();
        String tracking = PostedApplications.awaitPlaced(http, id).path("trackingNumber").asString();
        PostedApplications.advance(http, "ems", tracking, "collected");
        PostedApplications.advance(http, "ems", tracking, "in-transit");

        browser.signIn("zhangsan").open("/me");
        browser.await("#delivery-" + id);
        String shown = browser.find("#delivery-" + id).getText();
        assertThat(shown).contains("中国邮政 EMS", tracking, "运输中", "已揽收", "138****8000")
                .contains(MARKUP).doesNotContain("13800138000");
        assertThat(browser.findAll("main img")).isEmpty();
        assertThat(browser.find("#application-" + id + " .timeline").getText()).contains("纸质证照已交寄", "快递员已揽收纸质证照");
        browser.assertAccessible().screenshot("me-delivery");
        assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth")).as("fits 360 px").isLessThanOrEqualTo(360L);

        http.post("/sandbox/carriers/ems/parcels/" + tracking + "/failed?reason=NOBODY_HOME", "application/json",
                java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        browser.open("/me?lang=en");
        browser.await("#delivery-" + id + " .returned");
        assertThat(browser.find("#delivery-" + id + " .returned").getText()).contains("黄浦区", "nobody to sign for it");
        assertThat(browser.find("#delivery-" + id).getText()).contains("Returned to the window", "China Post EMS");
        browser.assertAccessible().screenshot("me-delivery-returned-en");
        assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth")).as("fits 360 px").isLessThanOrEqualTo(360L);
    }
}
