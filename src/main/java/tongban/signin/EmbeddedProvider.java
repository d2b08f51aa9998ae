package tongban.signin;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.util.function.SingletonSupplier;
import tongban.platform.BearerTokenChecks;
import tongban.platform.DemoAccounts;
import tongban.platform.PublicBaseUrl;
import tongban.platform.Staff;
import tongban.web.Lang;

/**
 * The embedded default's OIDC provider (统一身份认证), Spring Authorization Server for the demo accounts: authorization
 * code with PKCE, RS256 tokens signed with the key kept under {@code <data-dir>/keys/signin}, discovery at
 * {@code /.well-known/openid-configuration}, the issuer being the public base URL. Two clients: the portal
 * ({@value #PORTAL}, confidential) and curl users' {@value #CLI} (public, {@code scripts/token.sh}). Tokens carry the
 * roles ({@code tongban.security.role-claim}) and a window officer's district; access tokens name this application
 * ({@code tongban.security.jwt.audience}, {@value #DEFAULT_AUDIENCE} when unset) as their audience. Its session login
 * is kept apart from the portal's in the same HTTP session (its own attribute names), so the portal's sign-out, which
 * ends that session, ends both. Only in demo mode: the {@code prod} profile signs in with the city's provider.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tongban.security.mode", havingValue = "demo", matchIfMissing = true)
class EmbeddedProvider {

    static final String PORTAL = "tongban-portal";
    static final String CLI = "tongban-cli";
    /** Where curl users' code goes (RFC 8252 loopback); {@code scripts/token.sh} reads it from the redirect. */
    static final String CLI_REDIRECT = "http://127.0.0.1/tongban-cli";
    static final String DEFAULT_AUDIENCE = "tongban";
    /** The provider's own pages: its sign-in form ({@code GET}) and where it posts. */
    static final String LOGIN = "/id/login";

    private final PublicBaseUrl base;
    private final ProviderKeys keys;
    private final JdbcTemplate jdbc;

    EmbeddedProvider(PublicBaseUrl base, @Value("${tongban.data-dir:data}") Path dataDir, JdbcTemplate jdbc) {
        this.base = base;
        this.jdbc = jdbc;
        this.keys = ProviderKeys.openOrCreate(dataDir.resolve("keys").resolve("signin"));
    }

    /** The issuer: the public base URL, asked when a token is checked (a random port is known only once served). */
    String issuer() {
        return base.get().toString();
    }

    @Bean
    @Order(0)
    SecurityFilterChain identityProvider(HttpSecurity http, RegisteredClientRepository clients,
                                         AuthorizationServerSettings settings) throws Exception {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        sessions.setSpringSecurityContextKey("TONGBAN_PROVIDER_SECURITY_CONTEXT");
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName("TONGBAN_PROVIDER_SAVED_REQUEST");
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(),
                            PathPatternRequestMatcher.withDefaults().matcher("/id/**")));
                    server.registeredClientRepository(clients).authorizationServerSettings(settings)
                            .oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(auth -> auth.requestMatchers("/id/**").permitAll().anyRequest().authenticated())
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository("TONGBAN_PROVIDER_REQUEST_CONTEXT"), sessions)))
                .requestCache(c -> c.requestCache(savedRequests))
                .formLogin(form -> form.loginPage(LOGIN).loginProcessingUrl(LOGIN + "/password")
                        .failureHandler(backToTheForm()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // the user info endpoint takes the provider's access tokens
                .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new InPageLanguage(), browsers));
        return http.build();
    }

    /** A refused sign-in comes back to the form with its error summary, in the form's language. */
    private static AuthenticationFailureHandler backToTheForm() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath() + LOGIN + "?error"
                + (Lang.ofQuery(request.getQueryString()) == Lang.EN ? "&lang=en" : ""));
    }

    /** The sign-in form in the language the portal asked for with {@code ui_locales}. */
    private static final class InPageLanguage extends LoginUrlAuthenticationEntryPoint {
        InPageLanguage() {
            super(LOGIN);
        }

        @Override
        protected String determineUrlToUseForThisRequest(HttpServletRequest request,
                                                         jakarta.servlet.http.HttpServletResponse response,
                                                         AuthenticationException exception) {
            String locales = request.getParameter("ui_locales");
            return LOGIN + (locales != null && locales.strip().startsWith("en") ? "?lang=en" : "");
        }
    }

    /** The issuer is fixed when the public base URL or the port is; on a random port the request names it. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        base.beforeStart().map(URI::toString).ifPresent(settings::issuer);
        return settings.build();
    }

    /** Made when first asked for, once the server knows its address. */
    @Bean
    RegisteredClientRepository registeredClients(PasswordEncoder encoder) {
        SingletonSupplier<RegisteredClientRepository> clients = SingletonSupplier.of(() -> {
            String at = issuer();
            RegisteredClient portal = RegisteredClient.withId(PORTAL).clientId(PORTAL)
                    .clientSecret(encoder.encode(keys.portalSecret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(at + "/login/oauth2/code/" + SignInClient.REGISTRATION)
                    .postLogoutRedirectUri(at + "/login?logout")
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .tokenSettings(tokens())
                    .build();
            RegisteredClient cli = RegisteredClient.withId(CLI).clientId(CLI)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(CLI_REDIRECT)
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .tokenSettings(tokens())
                    .build();
            return new InMemoryRegisteredClientRepository(portal, cli);
        });
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient client) {
                clients.obtain().save(client);
            }

            @Override
            public RegisteredClient findById(String id) {
                return clients.obtain().findById(id);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                return clients.obtain().findByClientId(clientId);
            }
        };
    }

    /** In the database, so that any node redeems a code or checks a token another node issued. */
    @Bean
    OAuth2AuthorizationService authorizations(RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /**
     * Forgets authorizations a day after their last code or token expired: nothing can use them any more (there are no
     * refresh tokens).
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetExpired() {
        jdbc.update("delete from oauth2_authorization where coalesce(access_token_expires_at, "
                + "authorization_code_expires_at) < now() - interval '1 day'");
    }

    private static TokenSettings tokens() {
        return TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(15))
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        RSAKey key = new RSAKey.Builder(keys.publicKey()).privateKey(keys.signingKey()).keyID(keys.keyId()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** The portal's registration, to sign in with this provider (read by {@link SignInClient}). */
    SignInClient.Provider asProvider() {
        String at = issuer();
        return new SignInClient.Provider(at, at + "/oauth2/authorize", at + "/oauth2/token", at + "/oauth2/jwks", null,
                at + "/connect/logout", PORTAL, keys.portalSecret());
    }

    /** The roles and a window officer's district in ID and access tokens; this application as the access token's audience. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoClaims(@Value("${tongban.security.role-claim:roles}") String roleClaim,
                                                         @Value("${tongban.security.jwt.audience:}") String audience) {
        return context -> {
            boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            if (!access && !OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            Authentication who = context.getPrincipal();
            // ArrayLists: the claims are stored with the authorization, as JSON whose types Spring allows (List.of's not)
            context.getClaims().claim(roleClaim, who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                    .collect(Collectors.toCollection(ArrayList::new)));
            DemoAccounts.named(who.getName()).map(DemoAccounts.Account::district)
                    .ifPresent(district -> context.getClaims().claim(Staff.DISTRICT_CLAIM, district));
            if (access) {
                context.getClaims().audience(new ArrayList<>(List.of(audience(audience))));
            }
        };
    }

    /** The API's decoder for this provider's access tokens: its key, its issuer, this application's audience. */
    @Bean
    JwtDecoder providerTokens(@Value("${tongban.security.jwt.audience:}") String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(BearerTokenChecks.of(this::issuer, audience(audience)));
        return decoder;
    }

    private static String audience(String configured) {
        return configured.isBlank() ? DEFAULT_AUDIENCE : configured;
    }
}
