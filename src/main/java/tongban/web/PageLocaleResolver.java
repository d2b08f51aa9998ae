package tongban.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The locale Spring MVC gives a rendered response, and so its {@code Content-Language}: for the pages (portal,
 * workbenches, verification) their own language (Chinese unless {@code ?lang=en}), whatever the browser's
 * {@code Accept-Language} says; for everything else the {@code Accept-Language} header.
 */
public class PageLocaleResolver extends AcceptHeaderLocaleResolver {

    /** Set by a page controller (or {@link PageModel}) on every request it handles. */
    public static final String ATTRIBUTE = PageLocaleResolver.class.getName() + ".lang";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Lang lang ? lang.locale() : super.resolveLocale(request);
    }
}
