package tongban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;

/**
 * The pages' shell in a real browser: the sign-in page in both languages passes axe-core, markup typed into its
 * fields stays text, a wrong password gets GOV.UK's error summary, a demo account signs in and out, and every page
 * is sent with the strict Content-Security-Policy (which htmx, loaded as a file, lives with).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageShellTests {

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
    void theSignInPageIsAccessibleInBothLanguages() {
        browser.open("/login");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.find("h1").getText()).isEqualTo("登录");
        browser.assertAccessible().screenshot("login");

        browser.click("#other-language");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("h1").getText()).isEqualTo("Sign in");
        browser.assertAccessible().screenshot("login-en");
    }

    @Test
    void markupAndAWrongPasswordGetTheErrorSummaryAndRunNothing() {
        browser.open("/login").click("#sign-in-idp").await("#username");
        browser.type("#username", MARKUP).type("#password", MARKUP).click("#sign-in-button");

        browser.await("#error-summary");
        assertThat(browser.driver().getTitle()).startsWith("错误：").doesNotContain("pwned");
        assertThat(browser.findAll("img")).isEmpty();
        browser.assertAccessible().screenshot("login-error");
    }

    @Test
    void aDemoPersonSignsInAndOut() {
        browser.signIn("zhangsan").open("/login");
        assertThat(browser.find(".site-nav .user").getText()).isEqualTo("zhangsan");

        browser.signOut();
        browser.await("#signed-out");
        assertThat(browser.findAll("#sign-out")).isEmpty();
    }

    @Test
    void pagesAreSentWithTheStrictPolicyAndHtmxLoadsUnderIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(PageModel.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(page.body()).contains("name=\"_csrf\"");

        browser.open("/login");
        Object htmx = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return typeof window.htmx === 'object' && htmx.config.includeIndicatorStyles");
        assertThat(htmx).isEqualTo(false);
    }
}
