package tongban.web;

import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's sign-in page (统一身份认证): one button to the identity provider (the embedded one in the default, the
 * city's in prod).
 */
@PageController
class SignInPage {

    @GetMapping("/login")
    String page() {
        return "login";
    }
}
