package tongban.platform;

import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a staff login says about where its holder works. */
public final class Staff {

    /** The claim that names a window officer's district (区) in tokens of the identity provider. */
    public static final String DISTRICT_CLAIM = "district";

    private Staff() {
    }

    /**
     * The district of the login: the {@value #DISTRICT_CLAIM} claim of an OIDC or bearer-token login, or the demo
     * account's district for a password login of the embedded default. Empty if it names none.
     */
    public static Optional<String> district(Authentication login) {
        Map<String, Object> claims = login.getPrincipal() instanceof Jwt jwt ? jwt.getClaims()
                : login.getPrincipal() instanceof OAuth2AuthenticatedPrincipal p ? p.getAttributes() : null;
        if (claims != null) {
            return Optional.ofNullable(claims.get(DISTRICT_CLAIM)).map(Object::toString);
        }
        return DemoAccounts.named(login.getName()).map(DemoAccounts.Account::district);
    }
}
