package tongban.signin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import tongban.web.PageController;

/** The embedded provider's sign-in form for the demo accounts; the provider's chain posts it to Spring Security. */
@PageController
@ConditionalOnProperty(name = "tongban.security.mode", havingValue = "demo", matchIfMissing = true)
class ProviderSignInPage {

    @GetMapping(EmbeddedProvider.LOGIN)
    String form() {
        return "signin/login";
    }
}
