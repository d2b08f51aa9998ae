package tongban.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.rules.RulePacks;
import tongban.support.Browser;

/**
 * The policy workbench in a real browser at 360 px, in Chinese and English, checked by axe-core in every state: the
 * packs, a pack's scenarios with coverage and its statistics, and a pack change previewed with the changed decisions
 * listed; markup typed into every field stays text; other roles are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyPagesTests {

    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
    private static final String MARKUP_FILE = "<img src=x onerror=alert(1)>.zip";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RulePacks packs;
    private Browser browser;
    private RealCases cases;

    @BeforeAll
    void start() {
        cases = RealCases.store(jdbc, packs);
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @AfterEach
    void signOut() {
        browser.signOut();
    }

    @Test
    void thePolicyOfficerRunsTheScenariosAndReadsTheStatistics() {
        browser.signIn("policy").open("/policy");
        assertThat(browser.find("h1").getText()).isEqualTo("规则包工作台");
        assertThat(browser.findAll("#packs tbody tr")).hasSize(packs.items().size());
        assertFits();
        browser.assertAccessible().screenshot("policy-packs");

        browser.click("#packs a[href^='/policy/residence-permit']");
        browser.await("#versions");
        assertThat(browser.find("h1").getText()).isEqualTo("上海市居住证（申领）");
        browser.assertAccessible();

        browser.click("#run-scenarios");
        browser.await("#scenario-run");
        assertThat(browser.find("#scenario-run").getText()).contains("全部通过");
        assertThat(browser.findAll("#coverage tbody tr")).hasSizeGreaterThan(10);
        assertFits();
        browser.assertAccessible().screenshot("policy-scenarios");

        browser.type("#from", MARKUP).type("#to", MARKUP).click("#show-stats");
        browser.await("#error-summary");
        assertThat(browser.driver().getTitle()).startsWith("错误：").doesNotContain("pwned");
        assertThat(browser.find("#from").getAttribute("value")).as("the field keeps what was typed, up to its 40 characters").isEqualTo(MARKUP.substring(0, 40));
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible().screenshot("policy-stats-error");

        browser.type("#from", cases.day.toString()).type("#to", cases.day.toString()).click("#show-stats");
        browser.await("#stats");
        assertThat(browser.find("#stats").getText()).contains("共 6 件申请");
        assertThat(browser.find("#rules-fired").getText()).contains("LOCAL_HUKOU");
        assertThat(browser.find("#missing-materials").getText()).contains("residence-registration");
        assertNoPersonalData();
        assertFits();
        browser.assertAccessible().screenshot("policy-stats");
    }

    @Test
    void aPackChangeIsPreviewedWithTheDecisionsItWouldChangeAndPublished() {
        browser.signIn("policy").open("/policy/residence-permit");
        browser.click("#preview-link");
        browser.await("#pack");
        browser.assertAccessible().screenshot("policy-preview-form");

        // markup in every field and no file
        browser.type("#last", MARKUP).type("#from", MARKUP).type("#to", MARKUP).click("#run-preview");
        browser.await("#error-summary");
        assertThat(browser.find("#error-summary").getText()).contains("请选择规则包的 zip 文件");
        assertThat(browser.driver().getTitle()).doesNotContain("pwned");
        assertThat(browser.findAll("main img")).isEmpty();
        browser.assertAccessible();

        // a file under a name of markup, and markup still in the count
        browser.attach("#pack", MARKUP_FILE, ImpactPreviewApiTests.feeRaised().zip("residence-permit")).click("#run-preview");
        browser.await("#last-error");
        assertThat(browser.find("#last").getAttribute("value")).as("the field keeps what was typed, up to its 40 characters").isEqualTo(MARKUP.substring(0, 40));
        assertThat(browser.driver().getTitle()).startsWith("错误：").doesNotContain("pwned");
        browser.assertAccessible().screenshot("policy-preview-error");

        // something that is not a zip
        browser.type("#last", "100").type("#from", cases.day.toString()).type("#to", cases.day.toString())
                .attach("#pack", "notes.zip", "not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .click("#run-preview");
        browser.await("#pack-error");
        assertThat(browser.find("#error-summary").getText()).contains("不是规则包的 zip");
        browser.assertAccessible();

        // the raised fee: two replacement cases change, and the candidate could be published
        browser.attach("#pack", "residence-permit.zip", ImpactPreviewApiTests.feeRaised().zip("residence-permit"))
                .click("#run-preview");
        browser.await("#preview-result");
        assertThat(browser.find("#publishable").getText()).contains("可以发布");
        assertThat(browser.find("#sample").getText()).contains("最近的 6 件申请中，2 件的决定会改变");
        String changes = browser.find("#changes").getText();
        assertThat(changes).contains("第 4 件", "第 5 件", "收费（元）", "20", "25").doesNotContain("第 6 件");
        assertNoPersonalData();
        assertFits();
        browser.assertAccessible().screenshot("policy-preview-changes");

        // published as previewed, in force from a day of its own (far ahead: today's decisions stay as they are)
        String version = browser.find("#candidate code").getText();
        String day = java.time.LocalDate.of(2090, 1, 1)
                .plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(20000)).toString();
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].value = arguments[1]", browser.find("#effectiveFrom"), day);
        browser.click("#publish");
        browser.await("#published-banner");
        assertThat(browser.find("#published-banner").getText()).contains(version);
        assertThat(browser.find("#published-versions").getText()).contains(version, day);
        assertThat(packs.versions("residence-permit")).anyMatch(v -> v.version().equals(version)
                && v.effectiveFrom().toString().equals(day) && v.publishedBy().equals("policy"));
        browser.assertAccessible().screenshot("policy-published");
        browser.click("#preview-link");
        browser.await("#pack");

        // a tampered version and a date that is no date: refused on the page, nothing published
        int published = packs.versions("residence-permit").size();
        for (String[] input : new String[][] {{MARKUP, day, "没有这份经过预评估"}, {version, MARKUP, "请填写施行日期"}}) {
            browser.type("#from", cases.day.toString()).type("#to", cases.day.toString())
                    .attach("#pack", "residence-permit.zip", ImpactPreviewApiTests.feeRaised().zip("residence-permit"))
                    .click("#run-preview");
            browser.await("#publish-form");
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
            js.executeScript("arguments[0].value = arguments[1]", browser.find("#publish-form input[name=version]"), input[0]);
            js.executeScript("arguments[0].type = 'text'; arguments[0].value = arguments[1]", browser.find("#effectiveFrom"),
                    input[1]);
            browser.click("#publish");
            browser.await("#error-summary");
            assertThat(browser.find("#error-summary").getText()).contains(input[2]);
            assertThat(browser.driver().getTitle()).doesNotContain("pwned");
            assertThat(browser.findAll("main img")).isEmpty();
            browser.assertAccessible();
        }
        assertThat(packs.versions("residence-permit")).hasSize(published);

        // a broken pack: its errors with their positions, and no result
        browser.type("#from", cases.day.toString()).type("#to", cases.day.toString())
                .attach("#pack", "broken.zip", Candidates.shipped("residence-permit")
                        .replace("fees.drl", "@amount(\"20\")", "@amount(\"twenty\"").zip("")).click("#run-preview");
        browser.await("#compile-errors");
        assertThat(browser.find("#compile-errors").getText()).containsPattern("residence-permit/fees\\.drl:\\d+:\\d+: ")
                .contains("不能发布");
        assertThat(browser.findAll("#preview-result")).isEmpty();
        browser.assertAccessible().screenshot("policy-preview-compile-errors");
    }

    @Test
    void inEnglishAFailingCandidateCannotBePublished() {
        browser.signIn("policy").open("/policy/residence-permit/preview?lang=en");
        browser.await("#pack");
        assertThat(browser.find("h1").getText()).isEqualTo("Impact preview");
        browser.type("#from", cases.day.toString()).type("#to", cases.day.toString())
                .attach("#pack", "threshold.zip", Candidates.shipped("residence-permit")
                        .replace("parameters.yaml", "value: 6\n", "value: 9\n").zip(""))
                .click("#run-preview");
        browser.await("#preview-result");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("#publishable").getText()).contains("Cannot be published", "Some scenarios failed");
        assertThat(browser.find("#preview-failures").getText()).contains("RESIDENCE_UNDER_6_MONTHS");
        assertThat(browser.find("#changes").getText()).contains("Case 6", "Outcome", "ACCEPTABLE", "INELIGIBLE",
                "RESIDENCE_UNDER_6_MONTHS");
        assertNoPersonalData();
        assertFits();
        browser.assertAccessible().screenshot("policy-preview-en");
    }

    @Test
    void otherRolesCannotReachTheWorkbench() {
        for (String user : List.of("zhangsan", "officer", "agent")) {
            browser.signIn(user).open("/login");
            for (String path : List.of("/policy", "/policy/residence-permit", "/policy/residence-permit/preview")) {
                assertThat(status(path)).as(user + " " + path).isEqualTo(403);
            }
            browser.signOut();
        }
    }

    private long status(String path) {
        return (Long) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status)).catch(e => done(-1));", path);
    }

    private void assertNoPersonalData() {
        String page = browser.driver().getPageSource();
        for (String personal : RealCases.PERSONAL) {
            assertThat(page).as("personal data on the page").doesNotContain(personal);
        }
    }

    /** Nothing wider than the 360 px window: wide tables scroll inside their region. */
    private void assertFits() {
        Object widths = ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
        assertThat(widths).as("page wider than the window").isEqualTo(true);
    }
}
