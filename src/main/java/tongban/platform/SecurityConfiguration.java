package tongban.platform;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tongban.web.Lang;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Public: the catalogue, evaluate, verification, health and the API description.
 * Everything else needs a login with the right role. The API takes OIDC bearer tokens (roles from a configurable
 * claim): in the embedded default ({@code tongban.security.mode=demo}) the embedded provider's ({@code tongban.signin}),
 * and the demo accounts with HTTP Basic too; in the {@code prod} profile ({@code jwt}) only the configured issuer's,
 * and there are no demo accounts. The pages sign in with OIDC against the same provider.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The pages (portal and workbenches): signed in with OIDC (统一身份认证: the embedded provider in the default, the
     * city's in prod), a session after sign-in whose id changes at sign-in, a CSRF token in every form, sign-out with
     * POST that ends the provider's session too (RP-initiated logout). Roles come from the ID token's role claim.
     * Before the API's chain, which is stateless and never sees these paths.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository clients,
                              @Value("${tongban.security.role-claim:roles}") String roleClaim) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(clients);
        signedOut.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
        signedOut.setDefaultTargetUrl(SIGNED_OUT);
        http.securityMatcher(PAGES)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/items", "/items/**", "/login", "/login/**", "/site/**", "/webjars/**")
                                .permitAll()
                        .requestMatchers(HttpMethod.GET, "/draws/*").permitAll()
                        .requestMatchers("/apply/**", "/me", "/me/**").hasRole(Roles.APPLICANT)
                        .requestMatchers("/officer", "/officer/**").hasRole(Roles.OFFICER)
                        .requestMatchers("/agent", "/agent/**").hasRole(Roles.AGENT)
                        .requestMatchers("/policy", "/policy/**").hasRole(Roles.POLICY)
                        .requestMatchers("/supervision", "/supervision/**").hasRole(Roles.SUPERVISOR)
                        .anyRequest().authenticated())
                // GET /login is the portal's page; its button posts to SIGN_IN_START, which sends the browser to the
                // provider with PKCE (the registration requires it) and, for the English pages, ui_locales=en
                .oauth2Login(login -> login.loginPage("/login").failureUrl("/login?error")
                        .authorizationEndpoint(a -> a.baseUri(SIGN_IN_START)
                                .authorizationRequestResolver(inPageLanguage(clients)))
                        .userInfoEndpoint(u -> u.userAuthoritiesMapper(rolesFrom(roleClaim))))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .logout(out -> out.logoutUrl("/logout").logoutSuccessHandler(signedOut));
        return http.build();
    }

    /** Where the sign-in page's button posts: then {@code /tongban}, the one registration ({@code SignInClient}). */
    private static final String SIGN_IN_START = "/login/start";
    private static final String SIGNED_OUT = "/login?logout";

    /** The paths of the pages' chain. */
    static final String[] PAGES = {"/", "/items", "/items/**", "/apply/**", "/me", "/me/**", "/officer", "/officer/**",
            "/agent", "/agent/**", "/policy", "/policy/**", "/supervision", "/supervision/**", "/login", "/login/**",
            "/logout", "/site/**", "/webjars/**", "/draws/**"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json,
                            @Value("${tongban.security.mode:demo}") String mode,
                            @Value("${tongban.security.role-claim:roles}") String roleClaim) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
            if (mode.equals("jwt")) {
                response.setHeader("WWW-Authenticate", "Bearer");
            } else if (!fromBrowser(request)) {
                // a browser challenged with Basic asks for a password and then resends it with every request to
                // this host, also with forms other sites submit: only programs are invited to use Basic
                response.setHeader("WWW-Authenticate", "Basic realm=\"tongban\"");
            }
            write(json, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "log in to use this endpoint");
        };
        // no cookies and no sessions: every call carries its credentials, so there is no CSRF token to check;
        // cross-site requests are refused by CrossSiteRequestFilter whatever they carry
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/items", "/api/v1/items/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/items/*/evaluate").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/verify", "/verify").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/certificates/*/status", "/api/v1/trust-anchors",
                                "/verify", "/verify/*", "/crl/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/tsa").permitAll()
                        // the payment providers' notifications: no login, verified by each channel's signature check
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments/notify/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/supervision/draws/*").permitAll()
                        // carriers sign their notifications (checked by the delivery module); the sandbox carrier
                        // exists in demo mode only, so in prod these paths are 404 for anyone
                        .requestMatchers(HttpMethod.POST, "/api/v1/deliveries/notify/*", "/sandbox/carriers/**").permitAll()
                        .requestMatchers("/api/v1/supervision/**").hasRole(Roles.SUPERVISOR)
                        .requestMatchers("/api/v1/seals", "/api/v1/seals/**", "/api/v1/audit", "/api/v1/archive/**")
                                .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/*/replay").hasAnyRole(Roles.OFFICER, Roles.AGENT)
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/revoke",
                                "/api/v1/applications/*/complete", "/api/v1/applications/*/refuse").hasRole(Roles.OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/on-behalf",
                                "/api/v1/applications/*/in-person-check").hasRole(Roles.OFFICER)
                        .requestMatchers("/api/v1/officer", "/api/v1/officer/**").hasRole(Roles.OFFICER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/applications/*/delivery")
                                .hasAnyRole(Roles.APPLICANT, Roles.OFFICER)
                        .requestMatchers("/api/v1/agent/**", "/api/v1/tickets", "/api/v1/tickets/**").hasRole(Roles.AGENT)
                        .requestMatchers("/api/v1/me", "/api/v1/me/**").hasRole(Roles.APPLICANT)
                        .requestMatchers("/api/v1/applications", "/api/v1/applications/**", "/api/v1/certificates",
                                "/api/v1/certificates/*/pdf", "/api/v1/documents/**").hasRole(Roles.APPLICANT)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/v1/rule-packs", "/api/v1/rule-packs/**").hasRole(Roles.POLICY)
                        .requestMatchers("/actuator/**").hasRole(Roles.OPERATOR)
                        // the embedded identity provider's paths, when it is off (prod): nothing there, 404 for anyone
                        .requestMatchers("/.well-known/**", "/oauth2/**", "/connect/**", "/userinfo", "/id/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, ex) ->
                                write(json, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "your role may not use this endpoint")));
        // bearer tokens always: from the embedded provider in the default, from the city's issuer in prod
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(roleClaim);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        http.oauth2ResourceServer(o -> o.authenticationEntryPoint(unauthenticated)
                .jwt(j -> j.jwtAuthenticationConverter(converter)));
        if (!mode.equals("jwt")) {
            http.httpBasic(b -> b.authenticationEntryPoint(unauthenticated));
        }
        return http.build();
    }

    /** Before any other bean: the prod profile refuses the embedded default's unsafe parts. */
    @Bean
    static ProductionSafety productionSafety() {
        return new ProductionSafety();
    }

    /**
     * With the city's issuer (mode {@code jwt}) a token must name its issuer and this application among its audiences,
     * and expire ({@link BearerTokenChecks}). Boot adds these to whichever key source is configured (issuer discovery,
     * JWK set or a public key, which by itself checks neither). Without an issuer or audience the start is refused.
     */
    @Bean
    @ConditionalOnProperty(name = "tongban.security.mode", havingValue = "jwt")
    OAuth2TokenValidator<Jwt> issuerAndAudience(@Value("${tongban.security.jwt.issuer:}") String issuer,
                                                @Value("${tongban.security.jwt.audience:}") String audience) {
        if (issuer.isBlank() || audience.isBlank()) {
            throw new IllegalStateException("tongban.security.mode=jwt needs tongban.security.jwt.issuer and "
                    + "tongban.security.jwt.audience: without them tokens of any issuer, for any application, would pass");
        }
        return BearerTokenChecks.of(() -> issuer, audience);
    }

    /**
     * Demo accounts of the embedded default, listed in the README, for HTTP Basic and the embedded provider's sign-in
     * form. They exist only in demo mode; the passwords are public by design. HTTP Basic checks the password on every call, so the hash is cheap
     * (cost 4) and the encoder is this one, not the delegating default that would re-hash it at cost 10.
     */
    @Bean
    @ConditionalOnProperty(name = "tongban.security.mode", havingValue = "demo", matchIfMissing = true)
    PasswordEncoder demoPasswordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    @Bean
    @ConditionalOnProperty(name = "tongban.security.mode", havingValue = "demo", matchIfMissing = true)
    UserDetailsService demoAccounts(PasswordEncoder encoder) {
        List<UserDetails> users = DemoAccounts.ALL.stream().map(a -> user(encoder, a.name(), a.role())).toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(PasswordEncoder encoder, String name, String role) {
        return User.withUsername(name).password(encoder.encode("demo-" + name)).roles(role).build();
    }

    /**
     * The page's language goes to the provider as OIDC's {@code ui_locales}, so its sign-in form speaks it too. The
     * request is the sign-in button's POST to {@link #SIGN_IN_START}, with {@code ?lang=en} on the English page.
     */
    private static OAuth2AuthorizationRequestResolver inPageLanguage(ClientRegistrationRepository clients) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(clients,
                SIGN_IN_START);
        resolver.setAuthorizationRequestCustomizer(request -> {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                    && Lang.ofQuery(current.getRequest().getQueryString()) == Lang.EN) {
                request.additionalParameters(p -> p.put("ui_locales", "en"));
            }
        });
        return resolver;
    }

    /** The roles named by the ID token's (and the user info's) role claim, as {@code ROLE_} authorities. */
    private static GrantedAuthoritiesMapper rolesFrom(String roleClaim) {
        return granted -> {
            Set<GrantedAuthority> roles = new LinkedHashSet<>(granted);
            for (GrantedAuthority authority : granted) {
                if (authority instanceof OidcUserAuthority oidc) {
                    roles.addAll(roles(oidc.getIdToken().getClaims().get(roleClaim)));
                    if (oidc.getUserInfo() != null) {
                        roles.addAll(roles(oidc.getUserInfo().getClaims().get(roleClaim)));
                    }
                }
            }
            return roles;
        };
    }

    private static List<GrantedAuthority> roles(Object claim) {
        if (!(claim instanceof Collection<?> names)) {
            return List.of();
        }
        return names.stream().map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name)).toList();
    }

    /** Browsers send Fetch Metadata ({@code Sec-Fetch-Mode}) or ask for HTML; programs such as curl do neither. */
    private static boolean fromBrowser(jakarta.servlet.http.HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Sec-Fetch-Mode") != null || (accept != null && accept.contains("text/html"));
    }

    private static void write(JsonMapper json, jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
                              String code, String detail) throws java.io.IOException {
        ProblemHandler.Problems.write(response, json, new ApiProblem(status, code, detail), null);
    }
}
