package tongban.verification;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public verification endpoints, rate-limited per client IP address ({@code tongban.verification.rate-limit.*}):
 * past the limit, 429 with {@code Retry-After}, as problem+json {@code RATE_LIMITED} or, to a browser on the page,
 * as the page saying so. Behind a reverse proxy, set {@code server.forward-headers-strategy} so the address is the
 * client's, not the proxy's. Checked before the upload is read, so a refused request costs next to nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Pattern STATUS = Pattern.compile("/api/v1/certificates/[^/]+/status");
    private static final Pattern LANDING = Pattern.compile("/verify/[^/]+");

    private final TokenBuckets buckets;
    private final boolean enabled;
    private final JsonMapper json;
    private final VerificationPages pages;

    RateLimitFilter(TokenBuckets buckets, VerificationProperties properties, JsonMapper json, VerificationPages pages) {
        this.buckets = buckets;
        this.enabled = properties.rateLimit().enabled();
        this.json = json;
        this.pages = pages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!enabled) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (method.equals("POST")) {
            return !(path.equals("/api/v1/verify") || path.equals("/verify"));
        }
        return !(method.equals("GET") && (STATUS.matcher(path).matches()
                || LANDING.matcher(path).matches() && !path.equals(VerificationPageController.STYLESHEET)
                && !path.equals(PageFont.PATH) && !path.equals(PageFont.LICENCE_PATH)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = buckets.take(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(wait));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        if (path.startsWith("/verify") && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Content-Security-Policy", VerificationPageController.CONTENT_SECURITY_POLICY);
            // the language from the query string only: asking for a parameter would read the whole upload
            Lang lang = Lang.ofQuery(request.getQueryString());
            response.setLocale(lang.locale());
            response.getWriter().write(pages.rateLimited(lang, wait));
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "too many verification requests from your address; try again in " + wait + " s");
        problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.setProperty("code", "RATE_LIMITED");
        problem.setInstance(URI.create(path));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
