package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;
import tongban.support.Fixtures;

/**
 * The window officer's workbench in a real browser, 360 px wide: a walk-in's first residence permit submitted at the
 * window by the officer, checked in person and completed, then revoked; markup typed into every field stays text;
 * every page state passes axe-core; the English pages; an applicant and another district's officer are kept out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerWorkbenchBrowserTests {

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

    @BeforeEach
    void signedOut() {
        // a phone's width: the window Chromium opens is wider than asked
        browser.resize(360, 915).open("/login").signOut();
    }

    @Test
    void anOfficerSubmitsAWalkInsPermitChecksCompletesAndRevokesIt() {
        browser.signIn("officer").open("/officer");
        browser.await("#figures");
        assertThat(browser.find("h1").getText()).isEqualTo("窗口工作台");
        assertThat(browser.find("#district").getText()).contains("黄浦区", "310101");
        browser.assertAccessible().screenshot("officer-workbench");

        browser.click("#on-behalf").await("#choose-item");
        browser.assertAccessible().screenshot("officer-on-behalf-item");
        new Select(browser.find("#item")).selectByValue("residence-permit");
        browser.click("#choose").await("#on-behalf-form");
        browser.assertAccessible().screenshot("officer-on-behalf-form");

        fillPermit(MARKUP);
        browser.click("#submit-on-behalf").await("#error-summary");
        assertUnharmed();
        assertThat(browser.driver().getTitle()).startsWith("错误：");
        assertThat(browser.find("#error-code").getAttribute("data-code")).isEqualTo("INVALID_APPLICANT");
        // kept as typed, as text, up to the field's 40 characters
        assertThat(MARKUP).startsWith(browser.find("#applicantId").getAttribute("value"));
        browser.assertAccessible().screenshot("officer-on-behalf-error");

        fillPermit(WindowOfficerApiTests.LISI);
        browser.click("#submit-on-behalf").await("#done");
        assertThat(browser.find("#status").getText()).contains("待现场核验");
        assertThat(browser.find("#channel").getText()).contains("窗口代为申请", "officer");
        assertThat(browser.find("#applicant").getText()).contains("李四").doesNotContain(WindowOfficerApiTests.LISI);
        assertThat(browser.find("#outcome").getText()).contains("可以受理");
        assertThat(browser.findAll(".material-view")).hasSize(1);
        assertThat(browser.find("#steps").getText()).contains("社区事务受理服务中心");
        browser.assertAccessible().screenshot("officer-application-accepted");

        browser.type("#checked", MARKUP).click("#record-check").await("#error-summary");
        assertUnharmed();
        assertThat(browser.find("#error-code").getAttribute("data-code")).isEqualTo("INVALID_CHECK");
        browser.assertAccessible().screenshot("officer-check-error");

        browser.type("#checked", MARKUP).click("#result-passed").click("#record-check").await("#done");
        assertUnharmed();
        assertThat(browser.find("#checks").getText()).contains(MARKUP, "通过");
        browser.assertAccessible().screenshot("officer-application-checked");

        browser.click("#complete").await("#certificate");
        assertThat(browser.find("#status").getText()).contains("已办结");
        assertThat(browser.find("#certificate-number").getText()).startsWith("JZ");
        browser.assertAccessible().screenshot("officer-application-completed");

        browser.click("#revoke").await("#error-summary");
        assertThat(browser.find("#error-code").getAttribute("data-code")).isEqualTo("REASON_REQUIRED");
        browser.assertAccessible().screenshot("officer-revoke-error");
        browser.type("#reason", MARKUP).click("#revoke").await("#revocation-reason");
        assertUnharmed();
        assertThat(browser.find("#certificate-status").getText()).isEqualTo("已吊销");
        assertThat(browser.find("#revocation-reason").getText()).contains(MARKUP);
        browser.assertAccessible().screenshot("officer-application-revoked");

        String page = browser.url().replaceAll("\\?.*", "").replaceAll("^https?://[^/]+", "");
        browser.signOut().signIn("officer2").open(page);
        browser.await("#error-summary");
        assertThat(browser.find("#error-code").getAttribute("data-code")).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(browser.findAll("#checks")).isEmpty();
        browser.assertAccessible().screenshot("officer2-other-district");
    }

    @Test
    void anOfficerRefusesAnAcceptedPermitWithTheReasonStated() {
        browser.signIn("officer").open("/officer/on-behalf?item=residence-permit");
        browser.await("#on-behalf-form");
        fillPermit(WindowOfficerApiTests.LISI);
        browser.click("#submit-on-behalf").await("#done");
        assertThat(browser.find("#status").getText()).contains("待现场核验");

        browser.click("#refuse").await("#error-summary");
        assertThat(browser.find("#error-code").getAttribute("data-code")).isEqualTo("REASON_REQUIRED");
        assertThat(browser.find("#refusal-reason-error").getText()).contains("请填写理由");
        browser.assertAccessible().screenshot("officer-refuse-error");

        // the same form in English, on a phone
        // (the error came back from the form's POST to …/refuse; the page itself is the application's)
        browser.open(browser.url().replaceAll("\\?.*", "").replaceAll("^https?://[^/]+", "").replaceAll("/refuse$", "")
                + "?lang=en");
        browser.await("#refuse-form");
        assertThat(browser.find("#refuse").getText()).isEqualTo("Refuse the application");
        browser.click("#refuse").await("#error-summary");
        assertThat(browser.find("#refusal-reason-error").getText()).contains("Give the reason");
        assertFits();
        browser.assertAccessible().screenshot("officer-refuse-error-en");

        browser.type("#refusal-reason", MARKUP).click("#refuse").await("#refusal");
        assertUnharmed();
        assertThat(browser.find("#done").getText()).contains("The application is refused");
        assertThat(browser.find("#status").getText()).isEqualTo("Refused");
        assertThat(browser.findAll("#refuse-form, #complete-form, #check-form")).isEmpty();
        assertFits();
        browser.assertAccessible().screenshot("officer-application-refused-en");

        browser.open(java.net.URI.create(browser.find(".refusal-decision").getAttribute("href")).getPath());
        assertThat(browser.await("#verdict").getAttribute("data-outcome")).isEqualTo("VALID");
    }

    @Test
    void theWorkbenchInEnglish() {
        browser.signIn("officer2").open("/officer?lang=en");
        browser.await("#figures");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("h1").getText()).isEqualTo("Window workbench");
        browser.assertAccessible().screenshot("officer-workbench-en");

        browser.open("/officer/on-behalf?lang=en&item=residence-permit").await("#on-behalf-form");
        assertThat(browser.find("h1").getText()).isEqualTo("Apply for a walk-in applicant");
        browser.type("#applicantId", MARKUP).click("#submit-on-behalf").await("#error-summary");
        assertUnharmed();
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        browser.assertAccessible().screenshot("officer-on-behalf-error-en");
    }

    @Test
    void aRefusedWalkInFormForAnItemWithManyMaterialsKeepsTheTickedBoxes() {
        // a business registration: eight materials, so the page's form sends more parts than an API submission
        browser.signIn("officer").open("/officer/on-behalf?item=individual-business-registration");
        browser.await("#on-behalf-form");
        browser.type("#applicantId", "x").click("#f-businessScope-0").click("#submit-on-behalf");
        browser.await("#error-code");
        assertThat(browser.find("#error-code").getAttribute("data-code")).isEqualTo("INVALID_APPLICANT");
        assertThat(browser.find("#f-businessScope-0").isSelected()).isTrue();
        assertThat(browser.find("#f-businessScope-1").isSelected()).isFalse();
        browser.assertAccessible().screenshot("officer-on-behalf-list-kept");
        browser.signOut();
    }

    @Test
    void anApplicantCannotOpenTheWorkbench() {
        browser.signIn("lisi").open("/officer");
        assertThat(browser.findAll("#figures")).isEmpty();
        browser.open("/officer/on-behalf");
        assertThat(browser.findAll("#on-behalf-form")).isEmpty();
        assertThat(browser.findAll("#choose-item")).isEmpty();
    }

    private void fillPermit(String applicantId) {
        browser.type("#applicantId", applicantId);
        new Select(browser.find("#f-applicationType")).selectByValue("FIRST");
        new Select(browser.find("#f-basis")).selectByValue("EMPLOYMENT");
        new Select(browser.find("#delivery")).selectByValue("POST");
        browser.attach("#m-photo", "photo.jpg", Fixtures.jpeg());
    }

    /** Nothing wider than the 360 px window. */
    private void assertFits() {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        // on failure, the elements that reach past the window
        Object wide = js.executeScript("return [...document.querySelectorAll('body *')].filter(e => "
                + "e.getBoundingClientRect().right > window.innerWidth).slice(-3).map(e => e.tagName + '#' + e.id + '.' "
                + "+ e.className + ' ' + e.textContent.slice(0, 40)).join(' | ')");
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth")).as("fits 360 px: " + wide)
                .isLessThanOrEqualTo(360L);
    }

    private void assertUnharmed() {
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
    }
}
