package tongban.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The portal's sign-in page (统一身份认证): the demo accounts' form in the embedded default. */
@PageController
class SignInPage {

    @GetMapping("/login")
    String page() {
        return "login";
    }
}
