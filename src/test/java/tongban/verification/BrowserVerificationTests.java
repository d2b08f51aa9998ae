package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;
import tongban.support.Browser;
import tongban.support.Http;

/**
 * A verifier in a real browser — Debian's headless Chromium on a phone-sized window, driven by Selenium — uploads a
 * genuine certificate and reads "valid", an altered one and reads "altered", a revoked one and reads "revoked";
 * types the holder's ID number and reads "matches", types markup into every field and sees it as text. Every page
 * shown is checked for its characters: each one in the page's own font, which the browser loaded, and each Chinese
 * character drawn one em wide as Noto Sans SC draws it, not as an empty box (this machine has no Chinese font of its
 * own). Every page passes axe-core's WCAG 2.1 AA rules with no serious or critical violation. Screenshots of each
 * page are kept in src/target/screenshots/ ({@link Browser}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserVerificationTests {

    private Path uploads;
    private Browser chrome;
    private WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    RenderCertificate render;
    @Autowired
    SealService seals;
    @Autowired
    Archive archive;
    Certificates certificates;

    @BeforeAll
    void startBrowser() throws IOException {
        chrome = Browser.start(port);
        browser = chrome.driver();
        uploads = Files.createTempDirectory("tongban-uploads");
    }

    @AfterAll
    void stopBrowser() {
        if (chrome != null) {
            chrome.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(uploads.toFile());
    }

    @BeforeEach
    void setUp() {
        certificates = new Certificates(render, seals, archive);
    }

    @Test
    void aGenuineCertificateIsShownValid() throws IOException {
        Certificates.Issued issued = certificates.issue();

        WebElement verdict = upload("/verify", issued.pdf());

        assertThat(verdict.getAttribute("data-outcome")).isEqualTo("VALID");
        assertThat(verdict.findElement(By.className("verdict-word")).getText()).isEqualTo("有效");
        assertThat(browser.findElements(By.cssSelector(".check-passed"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector(".fields")).getText()).contains(issued.number());
        screenshot("valid");
    }

    @Test
    void theHoldersIdNumberTypedInIsAnsweredWithMatchesAndNeverShown() throws IOException {
        Certificates.Issued issued = certificates.issue();

        WebElement verdict = upload("/verify", issued.pdf(), "310101198503121236");

        assertThat(verdict.getAttribute("data-outcome")).isEqualTo("VALID");
        WebElement check = browser.findElement(By.id("id-number-check"));
        assertThat(check.getAttribute("data-id-number-check")).isEqualTo("MATCHES");
        assertThat(check.getText()).contains("一致");
        assertThat(browser.getPageSource()).doesNotContain("310101198503121236");
        assertThat(browser.findElement(By.cssSelector(".fields")).getText()).contains("3101**********1236");
        assertThat(browser.findElement(By.id("idNumber")).getAttribute("value")).isEmpty();
        screenshot("id-number-matches");
    }

    @Test
    void markupTypedIntoEveryFieldIsShownAsTextAndRunsNothing() throws IOException {
        Certificates.Issued issued = certificates.issue();
        String markup = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";

        // the ID number field: refused with GOV.UK's error summary and message, the entry kept as text
        for (String path : new String[] {"/verify", "/verify?lang=en"}) {
            browser.get("http://localhost:" + port + path);
            browser.findElement(By.id("idNumber")).sendKeys(markup);
            Path file = Files.createTempFile(uploads, "certificate", ".pdf");
            Files.write(file, issued.pdf());
            browser.findElement(By.id("file")).sendKeys(file.toString());
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
            assertThat(browser.getTitle()).startsWith(path.endsWith("en") ? "Error: " : "错误：").doesNotContain("pwned");
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.findElement(By.id("idNumber")).getAttribute("value")).isEqualTo(markup.substring(0, 40));
            assertThat(browser.findElement(By.id("idNumber")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.findElement(By.id("idNumber-error")).isDisplayed()).isTrue();
            // the summary's link takes the keyboard to the field
            summary.findElement(By.cssSelector("a[href='#idNumber']")).click();
            assertFontShowsEveryCharacter();
            chrome.assertAccessible();
        }
        screenshot("id-number-error");

        // the file field: a file named and filled with markup is no PDF, and says so
        Path named = uploads.resolve("<img src=x onerror=alert(1)>.pdf");
        Files.writeString(named, markup);
        browser.get("http://localhost:" + port + "/verify");
        browser.findElement(By.id("file")).sendKeys(named.toString());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("这不是 PDF 文件");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");

        // the language switch, the only other input a URL carries
        browser.get("http://localhost:" + port + "/verify?lang=" + java.net.URLEncoder.encode(markup,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");
    }

    @Test
    void anAlteredCertificateIsShownAltered() throws IOException {
        Certificates.Issued issued = certificates.issue();

        WebElement verdict = upload("/verify", Revisions.pageContentChanged(issued.pdf()));

        assertThat(verdict.getAttribute("data-outcome")).isEqualTo("ALTERED");
        assertThat(verdict.findElement(By.className("verdict-word")).getText()).isEqualTo("已被篡改");
        assertThat(browser.findElement(By.cssSelector(".check-failed")).getText()).contains("文件完整");
        screenshot("altered");
    }

    @Test
    void aRevokedCertificateIsShownRevoked() throws IOException {
        Certificates.Issued issued = certificates.issue();
        certificates.revoke(issued.id(), "营业执照被依法吊销");

        WebElement verdict = upload("/verify", issued.pdf());

        assertThat(verdict.getAttribute("data-outcome")).isEqualTo("REVOKED");
        assertThat(verdict.findElement(By.className("verdict-word")).getText()).isEqualTo("已吊销");
        assertThat(browser.findElement(By.cssSelector(".check-failed")).getText()).contains("营业执照被依法吊销");
        screenshot("revoked");
    }

    @Test
    void theEnglishPageSaysValidAndItsDetailsOpenFromTheKeyboard() throws IOException {
        Certificates.Issued issued = certificates.issue();

        WebElement verdict = upload("/verify?lang=en", issued.pdf());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(verdict.findElement(By.className("verdict-word")).getText()).isEqualTo("Valid");

        WebElement summary = browser.findElement(By.tagName("summary"));
        focusByTab(summary);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(browser.findElement(By.tagName("details")).getAttribute("open")).isNotNull();
        screenshot("valid-en-details");
    }

    @Test
    void theQrCodesPageShowsTheStatusAndTheUploadFormIsReachableByKeyboard() throws IOException {
        Certificates.Issued issued = certificates.issue();

        browser.get("http://localhost:" + port + "/verify/" + issued.id());

        assertThat(browser.findElement(By.id("verdict")).getAttribute("data-outcome")).isEqualTo("VALID");
        focusByTab(browser.findElement(By.id("file")));
        focusByTab(browser.findElement(By.cssSelector("button[type=submit]")));
        screenshot("qr-landing");
    }

    private WebElement upload(String path, byte[] pdf) throws IOException {
        return upload(path, pdf, null);
    }

    private WebElement upload(String path, byte[] pdf, String idNumber) throws IOException {
        browser.get("http://localhost:" + port + path);
        assertFontShowsEveryCharacter();
        chrome.assertAccessible();
        Path file = Files.createTempFile(uploads, "certificate", ".pdf");
        Files.write(file, pdf);
        browser.findElement(By.id("file")).sendKeys(file.toString());
        if (idNumber != null) {
            browser.findElement(By.id("idNumber")).sendKeys(idNumber);
        }
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement verdict = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertFontShowsEveryCharacter();
        chrome.assertAccessible();
        return verdict;
    }

    /**
     * The page's font is loaded (the CSP let it in, the browser accepted it), every character the page shows is in
     * it, and each Chinese character is drawn 1 em wide with ink of its own: not the empty box drawn for a character
     * no font has (which is 1 em wide too, so the ink's extent tells them apart).
     */
    @SuppressWarnings("unchecked")
    private void assertFontShowsEveryCharacter() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Map<String, Object> found = (Map<String, Object>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.fonts.ready.then(() => {
                  const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === arguments[0]);
                  const text = document.title + document.body.innerText;
                  const wide = [...new Set(text)].filter(c => c.codePointAt(0) >= 0x3000);
                  const canvas = document.createElement('canvas').getContext('2d');
                  canvas.font = '100px "' + arguments[0] + '"';
                  const ink = c => { const m = canvas.measureText(c); return [m.width, m.actualBoundingBoxLeft,
                      m.actualBoundingBoxRight, m.actualBoundingBoxAscent, m.actualBoundingBoxDescent].join(' '); };
                  const drawn = {};
                  for (const c of wide) { drawn[c] = ink(c); }
                  done({ statuses: faces.map(f => f.status), text: text, drawn: drawn, box: ink('\uE000'),
                         family: getComputedStyle(document.body).fontFamily });
                });""", PageFont.FAMILY);
        // the page font, and the second cut on a page that shows what an officer typed
        assertThat((List<String>) found.get("statuses")).as("the page fonts' states").isNotEmpty().containsOnly("loaded");
        assertThat((String) found.get("family")).startsWith("\"" + PageFont.FAMILY + "\"");
        List<CmapLookup> fonts = PageFontTests.fontsOf(http(), browser.getPageSource());
        List<String> missing = ((String) found.get("text")).codePoints()
                .filter(c -> !Character.isWhitespace(c) && c != 0xA0 && fonts.stream().allMatch(f -> f.getGlyphId(c) == 0))
                .mapToObj(Character::toString).distinct().toList();
        assertThat(missing).as("characters on " + browser.getCurrentUrl() + " missing from the page font").isEmpty();
        Map<String, String> drawn = (Map<String, String>) found.get("drawn");
        String box = (String) found.get("box");
        assertThat(drawn).isNotEmpty();
        List<String> boxes = drawn.entrySet().stream().filter(e -> e.getValue().equals(box)).map(Map.Entry::getKey).toList();
        assertThat(boxes).as("characters drawn as empty boxes (" + box + ")").isEmpty();
        drawn.forEach((c, ink) -> assertThat(Double.parseDouble(ink.split(" ")[0])).as("advance of " + c + " at 100 px")
                .isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.5)));
    }

    private Http http() {
        return new Http(port);
    }

    private void focusByTab(WebElement target) {
        chrome.focusByTab(target);
    }

    private void screenshot(String name) {
        chrome.screenshot(name);
    }
}
