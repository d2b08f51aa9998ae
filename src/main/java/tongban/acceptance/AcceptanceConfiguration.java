package tongban.acceptance;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tongban.platform.RateLimits;

@Configuration(proxyBeanMethods = false)
class AcceptanceConfiguration {

    /**
     * Each applicant's submissions ({@code POST /api/v1/applications}) are rate-limited per login across every node
     * ({@code tongban.acceptance.rate-limit.*}). The filter runs after authentication (it needs the login) and before
     * the multipart body is read, so a refused submission costs no parsing, inspection or storage. Retries count.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> submissionRateLimit(RateLimits limits,
            @Value("${tongban.acceptance.rate-limit.enabled:true}") boolean enabled,
            @Value("${tongban.acceptance.rate-limit.capacity:10}") int capacity,
            @Value("${tongban.acceptance.rate-limit.refill:1h}") Duration refill) {
        FilterRegistrationBean<OncePerRequestFilter> filter = limits.endpoint("POST", "/api/v1/applications",
                limits.limit("submissions", capacity, refill), request -> {
                    Authentication login = SecurityContextHolder.getContext().getAuthentication();
                    return login == null || !login.isAuthenticated() ? null : login.getName();
                }, "too many applications submitted from your account", 0); // Spring Security's chain is at -100
        filter.setEnabled(enabled);
        return filter;
    }
}
