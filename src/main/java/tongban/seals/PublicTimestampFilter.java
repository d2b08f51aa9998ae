package tongban.seals;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tongban.platform.RateLimits;

/**
 * {@code POST /tsa} when it is served publicly ({@code tongban.seals.public-tsa.enabled}): each client address
 * gets {@code capacity} timestamps at once, regained over {@code refill}, across every node; past that, 429
 * {@code RATE_LIMITED} before the query is read. Not public, the endpoint serves no one (see {@link SealsController}):
 * the application's own sealer asks its timestamp authority in the process, not over HTTP.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PublicTimestampFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final RateLimits.Limit limit;
    private final boolean enabled;

    PublicTimestampFilter(RateLimits limits,
                          @Value("${tongban.seals.public-tsa.enabled:false}") boolean enabled,
                          @Value("${tongban.seals.public-tsa.capacity:20}") int capacity,
                          @Value("${tongban.seals.public-tsa.refill:1m}") Duration refill) {
        this.limits = limits;
        this.limit = limits.limit("tsa", capacity, refill);
        this.enabled = enabled;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getMethod().equals("POST")
                || !request.getRequestURI().substring(request.getContextPath().length()).equals("/tsa");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limit.take(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        limits.refuse(response, request.getRequestURI(), wait, "too many timestamp requests from your address");
    }
}
