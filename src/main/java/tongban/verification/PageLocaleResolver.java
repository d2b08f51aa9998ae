package tongban.verification;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The locale Spring MVC gives a rendered response, and so its {@code Content-Language}: for the verification pages
 * their own language (Chinese unless {@code ?lang=en}), whatever the browser's {@code Accept-Language} says; for
 * everything else the {@code Accept-Language} header, as before.
 */
class PageLocaleResolver extends AcceptHeaderLocaleResolver {

    /** Set by the page controller on every request it handles. */
    static final String ATTRIBUTE = PageLocaleResolver.class.getName() + ".lang";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Lang lang ? lang.locale() : super.resolveLocale(request);
    }
}
