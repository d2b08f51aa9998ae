package tongban.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's model and response carry: the language (Chinese unless {@code ?lang=en}, whatever
 * Accept-Language says), the link to the same page in the other language, who is signed in, and the
 * Content-Security-Policy.
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

    /**
     * Only this origin's scripts, styles, fonts and images (and QR codes as data: images); no inline script or style,
     * no frames, forms only to this origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "font-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @ModelAttribute
    void shell(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        Lang lang = Lang.ofQuery(request.getQueryString());
        request.setAttribute(PageLocaleResolver.ATTRIBUTE, lang);
        model.addAttribute("lang", lang.tag());
        model.addAttribute("langQuery", lang.query());
        model.addAttribute("otherLanguage", otherLanguage(request, lang));
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = login != null && login.isAuthenticated() && !(login instanceof AnonymousAuthenticationToken);
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("userName", signedIn ? login.getName() : null);
        // htmx sends it with every request it makes (the layout puts it on <body>): its POSTs pass the CSRF check.
        // Only once signed in: reading the token makes a session, which an anonymous reader of the catalogue needs not
        if (signedIn && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            model.addAttribute("htmxHeaders", "{\"" + csrf.getHeaderName() + "\":\"" + csrf.getToken() + "\"}");
        }
    }

    /** This page (path and query, without the page's own POST data) in the other language. */
    static String otherLanguage(HttpServletRequest request, Lang lang) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString()).replaceQueryParam("lang");
        if (lang == Lang.ZH) {
            uri.queryParam("lang", "en");
        }
        return uri.build().toUriString();
    }
}
