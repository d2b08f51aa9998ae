package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.support.Http;

/**
 * The production profile: no demo accounts, only bearer tokens signed by the configured issuer's key,
 * roles from the configured claim. The key pair is made here, at test time. The archive runs on the embedded store,
 * which has no Object Lock, so the profile's Object Lock requirement is lifted here (it is tested on Ceph, and refused
 * on the embedded store, in tongban.storage).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tongban.archive.require-object-lock=false")
@ActiveProfiles("prod")
class ProductionSecurityTests {

    private static final KeyPair ISSUER_KEY = rsa();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("issuer", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ISSUER_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
        registry.add("tongban.security.role-claim", () -> "tongban_roles");
        // a database of its own: production migrations never saw the demo data of the other tests
        Path data = Files.createTempDirectory("tongban-prod-data");
        data.toFile().deleteOnExit();
        registry.add("tongban.data-dir", data::toString);
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void demoAccountsDoNotExist() {
        assertThat(http.get("/api/v1/rule-packs", "policy").status()).isEqualTo(401);
    }

    @Test
    void aTokenWithThePolicyRoleMayReadRulePacks() throws Exception {
        assertThat(get("/api/v1/rule-packs", token(ISSUER_KEY, List.of("POLICY"))).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithAnotherRoleIsForbidden() throws Exception {
        var r = get("/api/v1/rule-packs", token(ISSUER_KEY, List.of("APPLICANT")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        var r = get("/api/v1/rule-packs", token(rsa(), List.of("POLICY")));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.isProblem()).isTrue();
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(http.get("/api/v1/items", null).status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentOffersTheBearerLoginOnly() {
        var schemes = http.get("/v3/api-docs", null).json().path("components").path("securitySchemes");
        assertThat(schemes.propertyNames()).containsExactly(OpenApiConfiguration.BEARER);
        assertThat(schemes.path(OpenApiConfiguration.BEARER).path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path(OpenApiConfiguration.BEARER).path("bearerFormat").asString()).isEqualTo("JWT");
    }

    private Http.Response get(String path, String token) {
        return http.withHeader("GET", path, "Authorization", "Bearer " + token, HttpRequest.BodyPublishers.noBody());
    }

    private static String token(KeyPair key, List<String> roles) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject("staff-1").claim("tongban_roles", roles)
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
