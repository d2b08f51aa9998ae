package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;

/**
 * A verifier in a real browser — Debian's headless Chromium on a phone-sized window, driven by Selenium — uploads a
 * genuine certificate and reads "valid", an altered one and reads "altered", a revoked one and reads "revoked".
 * Screenshots of each page are kept in src/target/screenshots/. Needs /usr/bin/chromium and /usr/bin/chromedriver
 * (Debian packages chromium, chromium-driver); Selenium Manager is never asked to download anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
class BrowserVerificationTests {

    static final Path SCREENSHOTS = Path.of("src", "target", "screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static Path profile;
    private static Path uploads;
    private static WebDriver browser;

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
    static void startBrowser() throws IOException {
        assertThat(Path.of(CHROMIUM)).as("install the Debian packages chromium and chromium-driver").isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).as("install the Debian packages chromium and chromium-driver").isExecutable();
        profile = Files.createTempDirectory("tongban-chromium");
        uploads = Files.createTempDirectory("tongban-uploads");
        Files.createDirectories(SCREENSHOTS);
        // the driver's path given, Selenium Manager is skipped: it would try to download a browser and driver
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=412,915", "--lang=zh-CN");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        org.springframework.util.FileSystemUtils.deleteRecursively(uploads);
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
        browser.get("http://localhost:" + port + path);
        Path file = Files.createTempFile(uploads, "certificate", ".pdf");
        Files.write(file, pdf);
        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
    }

    /** Presses Tab until {@code target} has the focus: it must be reachable from the keyboard within 20 stops. */
    private void focusByTab(WebElement target) {
        for (int i = 0; i < 20; i++) {
            if (target.equals(browser.switchTo().activeElement())) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).as("keyboard focus").isEqualTo(target);
    }

    /** The whole page: the window grows to the page's height first (412 px wide, as a phone). */
    private static void screenshot(String name) throws IOException {
        Number height = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(412, Math.max(915, height.intValue())));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        browser.manage().window().setSize(new Dimension(412, 915));
    }
}
