package tongban.signin;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.util.function.SingletonSupplier;
import tongban.platform.ProductionSafety;

/**
 * The portal as an OIDC client (统一身份认证): one registration, {@value #REGISTRATION}, with PKCE. In the embedded default
 * it signs in with {@link EmbeddedProvider}; with {@code tongban.security.mode=jwt} (prod) with the city's identity
 * provider, named by settings ({@code tongban.signin.*}: client id and secret, endpoints; the issuer is
 * {@code tongban.security.jwt.issuer}). Endpoints are configured, never discovered at start: the provider need not be
 * up when the application starts, and the embedded one is not.
 */
@Configuration(proxyBeanMethods = false)
class SignInClient {

    static final String REGISTRATION = "tongban";

    /** Where the portal signs in: the issuer and its endpoints, the client's id and secret. */
    record Provider(String issuer, String authorizationUri, String tokenUri, String jwkSetUri, String userInfoUri,
                    String endSessionUri, String clientId, String clientSecret) {
    }

    @Bean
    ClientRegistrationRepository signInClients(ObjectProvider<EmbeddedProvider> embedded,
                                               @Value("${tongban.security.mode:demo}") String mode,
                                               @Value("${tongban.security.jwt.issuer:}") String issuer,
                                               @Value("${tongban.signin.authorization-uri:}") String authorizationUri,
                                               @Value("${tongban.signin.token-uri:}") String tokenUri,
                                               @Value("${tongban.signin.jwk-set-uri:}") String jwkSetUri,
                                               @Value("${tongban.signin.user-info-uri:}") String userInfoUri,
                                               @Value("${tongban.signin.end-session-uri:}") String endSessionUri,
                                               @Value("${tongban.signin.client-id:}") String clientId,
                                               @Value("${tongban.signin.client-secret:}") String clientSecret,
                                               Environment environment) {
        if (!mode.equals("jwt")) {
            // the embedded provider's address is known once the server has its port: made at the first sign-in
            EmbeddedProvider provider = embedded.getObject();
            return new SupplierClientRegistrationRepository(SingletonSupplier.of(() ->
                    new InMemoryClientRegistrationRepository(registration(provider.asProvider()))));
        }
        List<String> missing = ProductionSafety.signInMissing(environment);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing));
        }
        return new InMemoryClientRegistrationRepository(registration(new Provider(issuer, authorizationUri, tokenUri,
                jwkSetUri, blankToNull(userInfoUri), blankToNull(endSessionUri), clientId, clientSecret)));
    }

    private static ClientRegistration registration(Provider provider) {
        ClientRegistration.Builder registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(provider.clientId()).clientSecret(provider.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(provider.issuer())
                .authorizationUri(provider.authorizationUri()).tokenUri(provider.tokenUri())
                .jwkSetUri(provider.jwkSetUri()).userInfoUri(provider.userInfoUri())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
        if (provider.endSessionUri() != null) {
            // RP-initiated logout: the portal's sign-out sends the browser on to the provider's
            registration.providerConfigurationMetadata(Map.of("end_session_endpoint", provider.endSessionUri()));
        }
        return registration.build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
