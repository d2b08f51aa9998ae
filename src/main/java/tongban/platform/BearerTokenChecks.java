package tongban.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a bearer token must say to be taken by the API, whichever issuer signed it: this service's issuer
 * ({@code iss}), this application among its audiences ({@code aud}), and an expiry ({@code exp}, not passed). A token
 * signed by the right key for another application, or one that never expires, is refused.
 */
public final class BearerTokenChecks {

    private BearerTokenChecks() {
    }

    /**
     * The checks, with the expiry's and not-before's own check; {@code issuer} is asked at every token (the embedded
     * provider's issuer is known only once the server has its port).
     */
    public static OAuth2TokenValidator<Jwt> of(Supplier<String> issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new JwtClaimValidator<Object>(JwtClaimNames.ISS, iss -> iss != null && iss.toString().equals(issuer.get())),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
    }
}
