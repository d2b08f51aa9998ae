package tongban.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A real browser for the page tests: Debian's headless Chromium, driven by Selenium, on a phone-sized window
 * (360 × 915 px), in Chinese. It signs in as a demo account, checks a page with axe-core (WCAG 2.1 A and AA rules;
 * no serious or critical violation may remain), keeps full-page screenshots in {@code src/target/screenshots/}, and
 * types into fields. Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian packages chromium, chromium-driver),
 * and axe-core from npm ({@code scripts/axe-core.sh}, which {@code scripts/test.sh} runs; found through
 * {@code TONGBAN_AXE_CORE}, {@code -Daxe.core} or the script's cache). Selenium Manager never downloads anything.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("src", "target", "screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final Path profile;
    private final Path files;
    private final String base;

    private Browser(WebDriver driver, Path profile, Path files, String base) {
        this.driver = driver;
        this.profile = profile;
        this.files = files;
        this.base = base;
    }

    /** A new browser for the service on {@code port} of this machine. */
    public static Browser start(int port) {
        assertThat(Path.of(CHROMIUM)).as("install the Debian packages chromium and chromium-driver").isExecutable();
        assertThat(Path.of(CHROMEDRIVER)).as("install the Debian packages chromium and chromium-driver").isExecutable();
        try {
            Path profile = Files.createTempDirectory("tongban-chromium");
            Path files = Files.createTempDirectory("tongban-uploads");
            Files.createDirectories(SCREENSHOTS);
            // the driver's path given, Selenium Manager is skipped: it would try to download a browser and driver
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=360,915", "--lang=zh-CN");
            return new Browser(new ChromeDriver(service, options), profile, files, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the service, e.g. {@code /items/residence-permit?lang=en}. */
    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until an element matching {@code css} is present (a page loaded, htmx swapped). */
    public WebElement await(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Waits until an element matching {@code css} shows {@code text}: after a form is sent again, the page before it may
     * still show an element of the same id for a moment.
     */
    public WebElement awaitText(String css, String text) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text) ? found.get(0) : null;
        });
    }

    /**
     * Waits until htmx has no request in flight (it marks the sending element {@code htmx-request}): a page's forms
     * send on their own, so a response to an earlier change could otherwise land after the next one's.
     */
    public Browser awaitIdle() {
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".htmx-request")).isEmpty());
        return this;
    }

    /** Clears the field and types {@code text} into it. */
    public Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Puts a file of these bytes, under this name, into a file input. */
    public Browser attach(String css, String fileName, byte[] content) {
        try {
            Path dir = Files.createTempDirectory(files, "f");
            Path file = Files.write(dir.resolve(fileName), content);
            find(css).sendKeys(file.toString());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Browser click(String css) {
        find(css).click();
        return this;
    }

    /**
     * Signs in as a demo account ({@code name} / {@code demo-name}) through the portal's sign-in: its button leads to
     * the embedded identity provider's form ({@code /id/login}); it ends on the page the sign-in returns to ({@code /}
     * unless a page asked for it), signed in to the portal.
     */
    public Browser signIn(String name) {
        open("/login");
        click("#sign-in-idp");
        await("#username");
        type("#username", name).type("#password", "demo-" + name);
        find("#password").sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
        return this;
    }

    /** Signs out everywhere (the header's sign-out button), if signed in. */
    public Browser signOut() {
        if (findAll("#sign-out").isEmpty()) {
            // an error page (403, 404) has no header: the sign-in page shows it with the sign-out button when signed in
            open("/login");
        }
        if (!findAll("#sign-out").isEmpty()) {
            click("#sign-out");
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.id("sign-out")).isEmpty());
        }
        return this;
    }

    /** Presses Tab until {@code target} has the focus: it must be reachable from the keyboard within 40 stops. */
    public void focusByTab(WebElement target) {
        for (int i = 0; i < 40; i++) {
            if (target.equals(driver.switchTo().activeElement())) {
                return;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement()).as("keyboard focus").isEqualTo(target);
    }

    /** One axe-core finding: the rule, its impact and where. */
    public record Violation(String id, String impact, String help, List<String> targets) {
    }

    /**
     * Runs axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules) and returns what it found; see
     * {@link #assertAccessible()}.
     */
    @SuppressWarnings("unchecked")
    public List<Violation> axe() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            // injected through the driver, not a <script> tag: the page's CSP allows no inline or foreign script
            js.executeScript(axeSource());
        }
        List<Map<String, Object>> found = (List<Map<String, Object>>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.map(n => n.target.join(' ')) }))))
                  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), targets: [] }]));""");
        return found.stream().map(v -> new Violation((String) v.get("id"), (String) v.get("impact"),
                (String) v.get("help"), (List<String>) v.get("targets"))).toList();
    }

    /** No serious or critical axe-core violation on the page as it is now. */
    public Browser assertAccessible() {
        assertThat(axe()).as("axe-core on " + url()).filteredOn(v -> v.impact() != null
                && (v.impact().equals("serious") || v.impact().equals("critical"))).isEmpty();
        return this;
    }

    /** The whole page as a PNG in {@code src/target/screenshots/}: the window grows to the page's height first. */
    public Browser screenshot(String name) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Dimension size = driver.manage().window().getSize();
        Number height = (Number) js.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(size.getWidth(), Math.max(size.getHeight(), height.intValue())));
        js.executeScript("window.scrollTo(0, 0)");
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.manage().window().setSize(size);
        return this;
    }

    /** A wider window (e.g. 1280 × 900, a desktop) or back to the phone's 360 × 915. */
    public Browser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    @Override
    public void close() {
        driver.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
        FileSystemUtils.deleteRecursively(files.toFile());
    }

    private static String axeSource() {
        Path file = axeFile().orElseThrow(() -> new IllegalStateException(
                "axe-core not found: run scripts/axe-core.sh (it needs npm), or set TONGBAN_AXE_CORE to axe.min.js"));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> axeFile() {
        String given = System.getProperty("axe.core", System.getenv("TONGBAN_AXE_CORE"));
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = (cacheHome != null ? Path.of(cacheHome) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("tongban");
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(cache)) {
            return versions.filter(p -> p.getFileName().toString().startsWith("axe-core-"))
                    .map(p -> p.resolve("node_modules/axe-core/axe.min.js")).filter(Files::isRegularFile)
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
