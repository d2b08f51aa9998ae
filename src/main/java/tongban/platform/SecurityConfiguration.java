package tongban.platform;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Public: the catalogue, evaluate, verification, health and the API description.
 * Everything else needs a login with the right role. The embedded default ({@code tongban.security.mode=demo})
 * logs in demo accounts with HTTP Basic; the {@code prod} profile ({@code jwt}) accepts only OIDC bearer
 * tokens from the configured issuer, with roles from a configurable claim, and has no demo accounts.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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
                        .requestMatchers("/api/v1/seals", "/api/v1/seals/**", "/api/v1/audit", "/api/v1/archive/**")
                                .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/*/replay").hasRole(Roles.OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/revoke",
                                "/api/v1/applications/*/complete").hasRole(Roles.OFFICER)
                        .requestMatchers("/api/v1/applications", "/api/v1/applications/**", "/api/v1/certificates",
                                "/api/v1/certificates/*/pdf", "/api/v1/documents/**").hasRole(Roles.APPLICANT)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/v1/rule-packs", "/api/v1/rule-packs/**").hasRole(Roles.POLICY)
                        .requestMatchers("/actuator/**").hasRole(Roles.OPERATOR)
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, ex) ->
                                write(json, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "your role may not use this endpoint")));
        if (mode.equals("jwt")) {
            JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
            authorities.setAuthoritiesClaimName(roleClaim);
            authorities.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(authorities);
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(unauthenticated)
                    .jwt(j -> j.jwtAuthenticationConverter(converter)));
        } else {
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
     * With bearer tokens, a token must name this service's issuer ({@code iss}) and this application among its
     * audiences ({@code aud}), and expire ({@code exp}): a token signed by the right key for another application, or
     * one that never expires, is refused. Boot adds these to whichever key source is configured (issuer discovery,
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
        return new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<java.time.Instant>(JwtClaimNames.EXP, java.util.Objects::nonNull));
    }

    /**
     * Demo accounts of the embedded default, listed in the README. They exist only in demo mode; the
     * passwords are public by design. HTTP Basic checks the password on every call, so the hash is cheap
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
        List<UserDetails> users = List.of(
                user(encoder, "zhangsan", Roles.APPLICANT),
                user(encoder, "lisi", Roles.APPLICANT),
                user(encoder, "wangwu", Roles.APPLICANT),
                user(encoder, "acme", Roles.APPLICANT),
                user(encoder, "policy", Roles.POLICY),
                user(encoder, "officer", Roles.OFFICER),
                user(encoder, "operator", Roles.OPERATOR));
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(PasswordEncoder encoder, String name, String role) {
        return User.withUsername(name).password(encoder.encode("demo-" + name)).roles(role).build();
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
