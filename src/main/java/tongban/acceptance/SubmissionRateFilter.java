package tongban.acceptance;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tongban.platform.RateLimits;

/**
 * Each applicant's submissions ({@code POST /api/v1/applications}) are rate-limited per login across every node
 * ({@code tongban.acceptance.rate-limit.*}): past the allowance, 429 {@code RATE_LIMITED} with {@code Retry-After}.
 * It runs after authentication (it needs the login) and before the multipart body is read, so a refused
 * submission costs no parsing, inspection or storage. A retry of a stored submission counts too.
 */
@Component
@Order(0) // after Spring Security's filter chain (-100), before the dispatcher parses the body
class SubmissionRateFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final RateLimits.Limit limit;
    private final boolean enabled;

    SubmissionRateFilter(RateLimits limits,
                         @Value("${tongban.acceptance.rate-limit.enabled:true}") boolean enabled,
                         @Value("${tongban.acceptance.rate-limit.capacity:10}") int capacity,
                         @Value("${tongban.acceptance.rate-limit.refill:1h}") Duration refill) {
        this.limits = limits;
        this.limit = limits.limit("submissions", capacity, refill);
        this.enabled = enabled;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getMethod().equals("POST")
                || !request.getRequestURI().substring(request.getContextPath().length()).equals("/api/v1/applications");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        long wait = login == null || !login.isAuthenticated() ? 0 : limit.take(login.getName());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        limits.refuse(response, request.getRequestURI(), wait, "too many applications submitted from your account");
    }
}
