package tongban.verification;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tongban.platform.RateLimits;
import tongban.web.Lang;

/**
 * The public verification endpoints, rate-limited per client IP address ({@code tongban.verification.rate-limit.*})
 * across every node ({@link RateLimits}): past the limit, 429 with {@code Retry-After}, as problem+json
 * {@code RATE_LIMITED} or, to a browser on the page, as the page saying so. Behind a reverse proxy, set {@code server.forward-headers-strategy} so the address is the
 * client's, not the proxy's. Checked before the upload is read, so a refused request costs next to nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Pattern STATUS = Pattern.compile("/api/v1/certificates/[^/]+/status");
    private static final Pattern LANDING = Pattern.compile("/verify/[^/]+");

    private final RateLimits limits;
    private final RateLimits.Limit limit;
    private final boolean enabled;
    private final VerificationPages pages;

    RateLimitFilter(RateLimits limits, VerificationProperties properties, VerificationPages pages) {
        VerificationProperties.RateLimit allowance = properties.rateLimit();
        this.limits = limits;
        this.limit = limits.limit("verification", allowance.capacity(),
                Duration.ofMillis(Math.round(allowance.capacity() * 1000 / allowance.perSecond())));
        this.enabled = allowance.enabled();
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
        long wait = limit.take(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        if (path.startsWith("/verify") && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(wait));
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Content-Security-Policy", VerificationPageController.CONTENT_SECURITY_POLICY);
            // the language from the query string only: asking for a parameter would read the whole upload
            Lang lang = Lang.ofQuery(request.getQueryString());
            response.setLocale(lang.locale());
            response.getWriter().write(pages.rateLimited(lang, wait));
            return;
        }
        limits.refuse(response, path, wait, "too many verification requests from your address");
    }
}
