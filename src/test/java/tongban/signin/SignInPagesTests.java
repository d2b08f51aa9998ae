package tongban.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Browser;

/**
 * The sign-in pages in a real browser, without and with axe-core: the portal's page and the embedded provider's form
 * in Chinese and, through OIDC's {@code ui_locales}, in English; markup typed into the form's fields stays text; a
 * demo person signs in and out everywhere, after which a page needs sign-in again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPagesTests {

    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\"><b>x</b>";

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
    void theProvidersFormIsAccessibleInChinese() {
        browser.open("/login").click("#sign-in-idp").await("#username");
        assertThat(browser.url()).contains("/id/login");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.find("h1").getText()).isEqualTo("统一身份认证");
        browser.assertAccessible().screenshot("signin-provider");
    }

    @Test
    void theEnglishPortalPageLeadsToTheProvidersFormInEnglish() {
        browser.open("/login?lang=en");
        assertThat(browser.find("#sign-in-idp").getText()).isEqualTo("Sign in with the unified identity service");
        browser.assertAccessible().screenshot("signin-portal-en");

        browser.click("#sign-in-idp").await("#username");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("h1").getText()).isEqualTo("Unified identity service");
        browser.assertAccessible().screenshot("signin-provider-en");

        browser.type("#username", MARKUP).type("#password", MARKUP).click("#sign-in-button");
        browser.await("#error-summary");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.driver().getTitle()).startsWith("Error: ").doesNotContain("pwned");
        assertThat(browser.findAll("img")).isEmpty();
        assertThat(browser.find("#username").getAttribute("value")).isEmpty();
        browser.assertAccessible().screenshot("signin-provider-error-en");
    }

    @Test
    void aPersonSignsInToThePortalAndOutEverywhere() {
        browser.signIn("lisi").open("/login");
        assertThat(browser.find(".site-nav .user").getText()).isEqualTo("lisi");

        browser.signOut();
        browser.await("#signed-out");
        assertThat(browser.url()).endsWith("/login?logout");
        browser.assertAccessible();

        // signed out of the provider too: its form is asked for again
        browser.open("/me");
        assertThat(browser.url()).endsWith("/login");
        browser.click("#sign-in-idp").await("#username");
        assertThat(browser.url()).contains("/id/login");
    }
}
