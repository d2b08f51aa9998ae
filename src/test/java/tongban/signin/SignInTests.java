package tongban.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in (统一身份认证) over HTTP in the embedded default: the provider's discovery document; a token got the README's
 * way ({@code scripts/token.sh}) taken by the API as a bearer token, with the roles and district it names; tokens of
 * the provider's own key refused when their audience, issuer or expiry is wrong; forms without a CSRF token refused;
 * the portal's sign-in through the provider (PKCE, a new session id, secure cookies) and its sign-out, after which the
 * session is gone; roles enforced on pages and API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Value("${tongban.data-dir}")
    Path dataDir;
    Http http;
    String base;

    @BeforeEach
    void client() {
        http = new Http(port);
        base = "http://localhost:" + port;
    }

    @Test
    void theDiscoveryDocumentNamesThePublicBaseUrlAsIssuerAndOffersCodeWithPkce() throws Exception {
        // asked at the public base URL's host (on a random port, the issuer is the address the provider is asked at)
        HttpResponse<String> r = new Portal().send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                .GET().build(), HttpClient.Redirect.NEVER);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.path("issuer").asString()).isEqualTo(base);
        assertThat(doc.path("authorization_endpoint").asString()).isEqualTo(base + "/oauth2/authorize");
        assertThat(doc.path("token_endpoint").asString()).isEqualTo(base + "/oauth2/token");
        assertThat(doc.path("jwks_uri").asString()).isEqualTo(base + "/oauth2/jwks");
        assertThat(doc.path("end_session_endpoint").asString()).isEqualTo(base + "/connect/logout");
        assertThat(texts(doc.path("code_challenge_methods_supported"))).contains("S256");
        assertThat(texts(doc.path("id_token_signing_alg_values_supported"))).contains("RS256");
        JsonNode key = http.get("/oauth2/jwks", null).json().path("keys").path(0);
        assertThat(key.path("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("d")).as("the private part stays home").isFalse();
    }

    @Test
    void theReadmesTokenIsTakenByTheApiWithTheRolesItNames() throws Exception {
        Matcher documented = Pattern.compile("TOKEN=\\$\\(scripts/token\\.sh (\\w+)\\)\n\\s*curl -s -H \"Authorization: Bearer "
                + "\\$TOKEN\" localhost:8080(/api/v1/\\S+)").matcher(Files.readString(Path.of("README.md")));
        assertThat(documented.find()).as("the README's token command").isTrue();
        String applicant = token(documented.group(1));
        assertThat(bearer("GET", documented.group(2), applicant).status()).isEqualTo(200);
        JsonNode claims = claims(applicant);
        assertThat(claims.path("iss").asString()).isEqualTo(base);
        assertThat(texts(claims.path("aud"))).containsExactly("tongban");
        assertThat(claims.path("sub").asString()).isEqualTo("zhangsan");
        assertThat(texts(claims.path("roles"))).containsExactly("APPLICANT");

        assertThat(bearer("GET", "/api/v1/certificates", applicant).status()).isEqualTo(200);
        Http.Response officersOnly = bearer("POST", "/api/v1/applications/" + java.util.UUID.randomUUID() + "/complete",
                applicant);
        assertThat(officersOnly.status()).isEqualTo(403);
        assertThat(officersOnly.json().path("code").asString()).isEqualTo("FORBIDDEN");

        String officer = token("officer");
        assertThat(texts(claims(officer).path("roles"))).containsExactly("OFFICER");
        assertThat(claims(officer).path("district").asString()).isEqualTo("310101");
        assertThat(bearer("GET", "/api/v1/certificates", officer).status()).isEqualTo(403);
    }

    @Test
    void theScriptRefusesAWrongPassword() throws Exception {
        Process script = script("zhangsan", "not-the-password");
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).isEqualTo(1);
        assertThat(new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("refused");
    }

    @Test
    void tokensWithAWrongAudienceIssuerOrExpiryAreRefusedEvenWhenSignedByTheProvidersKey() throws Exception {
        PrivateKey key = ProviderKeys.openOrCreate(dataDir.resolve("keys").resolve("signin")).signingKey();
        Instant soon = Instant.now().plusSeconds(60);
        assertThat(bearer("GET", "/api/v1/seals", signed(key, base, "tongban", soon)).status()).isEqualTo(200);

        PrivateKey another = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        for (String refused : List.of(signed(key, base, "another-app", soon), signed(key, "https://evil.example", "tongban", soon),
                signed(key, base, "tongban", Instant.now().minusSeconds(600)), signed(key, base, "tongban", null),
                signed(another, base, "tongban", soon))) {
            Http.Response r = bearer("GET", "/api/v1/seals", refused);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.isProblem()).isTrue();
            assertThat(r.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() throws Exception {
        Portal browser = new Portal();
        browser.get("/login");

        assertThat(browser.post("/logout", "").statusCode()).isEqualTo(403);
        assertThat(browser.post("/id/login/password", "username=zhangsan&password=demo-zhangsan").statusCode()).isEqualTo(403);
        assertThat(browser.post("/login/start/tongban", "").statusCode()).isEqualTo(403);
    }

    @Test
    void thePortalSignsInThroughTheProviderAndSignOutEndsTheSession() throws Exception {
        Portal browser = new Portal();
        HttpResponse<String> signInPage = browser.get("/login");
        String anonymous = browser.session();
        assertThat(signInPage.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(browser.get("/me").uri().getPath()).as("a page that needs sign-in").isEqualTo("/login");

        // the button: to the provider, with PKCE
        HttpResponse<String> toProvider = browser.send(browser.form("/login/start/tongban", csrf(signInPage.body()), ""),
                HttpClient.Redirect.NEVER);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(base + "/oauth2/authorize?").contains("code_challenge=", "code_challenge_method=S256");
        HttpResponse<String> form = browser.get(authorize);
        assertThat(form.uri().getPath()).isEqualTo("/id/login");
        HttpResponse<String> signedIn = browser.send(browser.form("/id/login/password", csrf(form.body()),
                "username=zhangsan&password=demo-zhangsan"), HttpClient.Redirect.NORMAL);
        assertThat(signedIn.uri().getPath()).isEqualTo("/me");
        assertThat(browser.session()).as("a new session id at sign-in").isNotEqualTo(anonymous);
        String signedInSession = browser.session();

        HttpResponse<String> page = browser.get("/login");
        assertThat(page.body()).contains("id=\"sign-out\"", ">zhangsan<");
        assertThat(browser.get("/officer").statusCode()).as("an applicant on the officers' page").isEqualTo(403);

        HttpResponse<String> signedOut = browser.send(browser.form("/logout", csrf(page.body()), ""), HttpClient.Redirect.NEVER);
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(to ->
                assertThat(to).startsWith(base + "/connect/logout?").contains("id_token_hint=", "post_logout_redirect_uri="));
        HttpResponse<String> back = browser.get(signedOut.headers().firstValue("Location").orElseThrow());
        assertThat(back.uri().toString()).isEqualTo(base + "/login?logout");
        assertThat(browser.get("/me").uri().getPath()).isEqualTo("/login");

        // the old session cookie, sent again, is signed in to neither the portal nor the provider
        Portal replay = new Portal();
        replay.cookies.getCookieStore().add(URI.create(base), cookie(signedInSession));
        assertThat(replay.get("/me").uri().getPath()).isEqualTo("/login");
        HttpResponse<String> provider = replay.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html")
                .GET().build(), HttpClient.Redirect.NEVER);
        assertThat(provider.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/id/login"));
    }

    /** A browser without script: a cookie jar, redirects followed as asked. */
    private final class Portal {
        final CookieManager cookies = new CookieManager();
        final HttpClient following = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
        final HttpClient notFollowing = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
            URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
            return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(), HttpClient.Redirect.NORMAL);
        }

        HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpClient.Redirect.NEVER);
        }

        HttpRequest form(String path, String csrf, String fields) {
            String body = "_csrf=" + java.net.URLEncoder.encode(csrf, StandardCharsets.UTF_8) + (fields.isEmpty() ? "" : "&" + fields);
            return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        HttpResponse<String> send(HttpRequest request, HttpClient.Redirect redirects) throws IOException, InterruptedException {
            return (redirects == HttpClient.Redirect.NEVER ? notFollowing : following)
                    .send(request, HttpResponse.BodyHandlers.ofString());
        }

        String session() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    private static HttpCookie cookie(String session) {
        HttpCookie cookie = new HttpCookie("JSESSIONID", session);
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    private String token(String user) throws Exception {
        Process script = script(user, null);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.exitValue()).as(err).isZero();
        return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private Process script(String user, String password) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/token.sh", user);
        builder.environment().put("TONGBAN_URL", base);
        if (password != null) {
            builder.environment().put("TONGBAN_PASSWORD", password);
        }
        return builder.start();
    }

    private Http.Response bearer(String method, String path, String token) {
        return http.withHeader(method, path, "Authorization", "Bearer " + token, HttpRequest.BodyPublishers.noBody());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static List<String> texts(JsonNode array) {
        return array.isArray() ? array.valueStream().map(JsonNode::asString).toList() : List.of(array.asString());
    }

    private static String signed(PrivateKey key, String issuer, String audience, Instant expires) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("operator").issuer(issuer).audience(audience)
                .claim("roles", List.of("OPERATOR"));
        if (expires != null) {
            claims.expirationTime(Date.from(expires));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
