package tongban.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.BucketTableSettings;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.jdbc.SQLProxyConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits shared by every node: token buckets kept in PostgreSQL (bucket4j-postgresql, one row per limit and
 * client, locked for the instant of a take), so two nodes behind a load balancer grant one allowance, not two.
 * Past it, {@link #refuse} answers 429 problem+json {@code RATE_LIMITED} with {@code Retry-After}. If the database
 * cannot be asked, the request is let through (and logged): the limit protects the service, it must not stop it.
 */
@Component
public class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    /** Every limit refills within this, so a bucket untouched for longer is as good as new and may be forgotten. */
    static final Duration LONGEST_REFILL = Duration.ofDays(1);

    private final ProxyManager<String> buckets;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RateLimits(DataSource dataSource, JsonMapper json) {
        this.buckets = new PostgreSQLSelectForUpdateBasedProxyManager<>(SQLProxyConfiguration.builder()
                .withTableSettings(BucketTableSettings.customSettings("rate_limit_bucket", "id", "state"))
                .withPrimaryKeyMapper(PrimaryKeyMapper.STRING).build(dataSource));
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
    }

    /**
     * A limit named {@code name}: each client may make {@code capacity} requests at once and regains them all
     * over {@code refill}, steadily.
     */
    public Limit limit(String name, int capacity, Duration refill) {
        if (capacity < 1 || refill.isNegative() || refill.isZero() || refill.compareTo(LONGEST_REFILL) > 0) {
            throw new IllegalArgumentException("rate limit " + name + ": capacity >= 1 and a refill time from 1 ms to "
                    + LONGEST_REFILL + "; got " + capacity + " per " + refill);
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refill).build()).build();
        // the allowance is part of the key: a changed configuration starts fresh buckets, the old ones are forgotten
        return new Limit(name + "/" + capacity + "/" + refill.toMillis() + ":", configuration);
    }

    /** One limit; {@link #take} is its only question. */
    public final class Limit {
        private final String prefix;
        private final BucketConfiguration configuration;

        private Limit(String prefix, BucketConfiguration configuration) {
            this.prefix = prefix;
            this.configuration = configuration;
        }

        /** Takes one request's token for {@code client}: 0 when granted, else the whole seconds to wait. */
        public long take(String client) {
            ConsumptionProbe probe;
            try {
                probe = buckets.builder().build(prefix + client, () -> configuration).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                log.warn("rate limit {} not checked, the request goes through: {}", prefix, e.toString());
                return 0;
            }
            return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        }
    }

    /**
     * A filter limiting one endpoint ({@code method} and {@code path}) per client: {@code client} names the client of
     * a request (its address, its login), or null when it is not to be counted. It runs at {@code order} among the
     * servlet filters: before the body is read, and after Spring Security (-100) when it needs the login.
     */
    public FilterRegistrationBean<OncePerRequestFilter> endpoint(String method, String path, Limit limit,
                                                                 Function<HttpServletRequest, String> client,
                                                                 String detail, int order) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getMethod().equals(method)
                        || !request.getRequestURI().substring(request.getContextPath().length()).equals(path);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String who = client.apply(request);
                long wait = who == null ? 0 : limit.take(who);
                if (wait == 0) {
                    chain.doFilter(request, response);
                } else {
                    refuse(response, request.getRequestURI(), wait, detail);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.setName(limit.prefix);
        return registration;
    }

    /** Answers 429 {@code RATE_LIMITED} with {@code Retry-After}, for filters, which run before any controller. */
    public void refuse(HttpServletResponse response, String path, long waitSeconds, String detail) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(waitSeconds));
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), ProblemHandler.Problems.of(new ApiProblem(HttpStatus.TOO_MANY_REQUESTS,
                "RATE_LIMITED", detail + "; try again in " + waitSeconds + " s"), path));
    }

    /** Forgets buckets idle longer than any refill takes: they would be full again, as a new one is. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetIdle() {
        int forgotten = jdbc.update("DELETE FROM rate_limit_bucket WHERE touched_at < now() - make_interval(secs => ?)",
                (double) LONGEST_REFILL.toSeconds());
        if (forgotten > 0) {
            log.debug("forgot {} idle rate-limit buckets", forgotten);
        }
    }
}
