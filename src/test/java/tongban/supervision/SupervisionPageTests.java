package tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;
import tongban.support.Http;

/**
 * The supervisor's workbench and the public draw page in a real browser (360 px, English): markup typed into every
 * field is refused or kept as text, refusals come back with the error summary, one supervisor publishes, another fixes
 * the seed, a result is recorded (with links to the sealed notice and order), and the public page shows the record
 * without the findings; axe-core on every page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionPageTests {

    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

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
    void aSupervisorPublishesAnotherFixesTheSeedAndThePublicPageShowsTheRecord() {
        String licence = Licences.businessLicence(new Http(port), "上海市黄浦区页面测试商店").path("number").asString();
        browser.signIn("supervisor").open("/supervision?lang=en");
        assertThat(browser.find("h1").getText()).isEqualTo("Random inspections");
        browser.assertAccessible().screenshot("supervision");

        // markup in every field: refused with the error summary, nothing runs
        browser.type("#district", MARKUP).type("#sharePercent", MARKUP).type("#inspectors", MARKUP).click("#publish");
        browser.await("#error-summary");
        assertThat(browser.driver().getTitle()).startsWith("Error: ").doesNotContain("pwned");
        awaitSummaryLinkTo("#district");
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible().screenshot("supervision-error");
        browser.type("#district", "").click("#publish");
        awaitSummaryLinkTo("#sharePercent");
        browser.type("#sharePercent", "100").click("#publish");
        awaitSummaryLinkTo("#inspectors");
        assertThat(browser.find("#inspectors").getAttribute("value")).isEqualTo(MARKUP);

        browser.type("#inspectors", "SH-1\nSH-2\nSH-3: " + licence).click("#publish");
        browser.await("#seed-form");
        String draw = browser.url().replaceAll(".*/supervision/draws/([0-9a-f-]{36}).*", "$1");
        assertThat(browser.find("#draw-status").getText()).isEqualTo("Published, seed not fixed");
        // the supervisor who published cannot fix the seed
        browser.type("#source", MARKUP).type("#value", MARKUP).click("#fix-seed");
        browser.await("#error-summary");
        assertThat(browser.find("#error-summary").getText()).contains("another supervisor must");
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        browser.assertAccessible().screenshot("supervision-seed-refused");

        browser.signOut().signIn("supervisor2").open("/supervision/draws/" + draw + "?lang=en");
        browser.type("#source", "Welfare lottery 3D, draw 2026330 " + MARKUP).type("#value", MARKUP).click("#fix-seed");
        browser.await(".inspection");
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.find("#seed-value").getText()).isEqualTo(MARKUP);
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible().screenshot("supervision-drawn");

        // an order to rectify without its date is refused at the field, then recorded with markup as findings
        String inspection = browser.find(".inspection").getAttribute("id").substring(2);
        browser.click("#outcome-RECTIFY-" + inspection).type("#findings-" + inspection, MARKUP)
                .click("#record-" + inspection);
        browser.await("#error-summary");
        awaitSummaryLinkTo("#rectifyBy-" + inspection);
        browser.assertAccessible();
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.find("#rectifyBy-" + inspection), java.time.LocalDate.now().plusDays(20).toString());
        browser.click("#record-" + inspection);
        browser.await("#i-" + inspection + " .tag");
        assertThat(browser.find("#i-" + inspection).getText()).contains("Ordered to rectify", MARKUP,
                "Inspection notice JC", "Order to rectify ZG");
        assertThat(browser.findAll("#i-" + inspection + " a").stream().map(a -> a.getAttribute("href")).toList())
                .anySatisfy(href -> assertThat(href).endsWith("/supervision/inspections/" + inspection + "/notice"))
                .anySatisfy(href -> assertThat(href).endsWith("/supervision/inspections/" + inspection + "/order"));
        browser.screenshot("supervision-recorded");

        browser.signOut().open("/draws/" + draw + "?lang=en");
        assertThat(browser.find("h1").getText()).isEqualTo("Random inspection: public record");
        assertThat(browser.find("#inspections").getText()).contains("Ordered to rectify").doesNotContain("<script>");
        assertThat(browser.find("#holders").getText()).contains(licence, "上海市黄浦区页面测试商店");
        assertThat(browser.find("#pool").getText()).contains("SH-3", licence);
        assertThat(browser.find("#command").getText()).contains("python3 scripts/redraw.py http").contains(draw);
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible().screenshot("draw-public");
    }

    /** After a form post, the new page's error summary links to {@code field} (the old page may still be showing). */
    private void awaitSummaryLinkTo(String field) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> browser.find("#error-summary a").getAttribute("href").endsWith(field));
    }
}
