package tongban.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses state-changing requests (any method but GET, HEAD, OPTIONS, TRACE) that a browser sends on behalf of another
 * site: 403 {@code CROSS_SITE_REQUEST}, before any login is looked at. A browser resends cached HTTP Basic credentials
 * with a form another site submits, so without this check an officer who once logged in could be made to complete an
 * application by visiting a hostile page. The browser's own {@code Sec-Fetch-Site} decides when it is sent
 * ({@code same-origin} or {@code none}, a request the user made, pass); otherwise {@code Origin} must be this server's
 * origin or that of {@code tongban.public-base-url}. Programs (curl, other services) send neither header and pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CrossSiteRequestFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final JsonMapper json;
    private final String publicOrigin;

    CrossSiteRequestFilter(JsonMapper json, @Value("${tongban.public-base-url:}") String publicBaseUrl) {
        this.json = json;
        this.publicOrigin = publicBaseUrl.isBlank() ? null : origin(publicBaseUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || !crossSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("cross-site {} {} refused (Origin {}, Sec-Fetch-Site {})", request.getMethod(), request.getRequestURI(),
                request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
        ProblemHandler.Problems.write(response, json, new ApiProblem(HttpStatus.FORBIDDEN, "CROSS_SITE_REQUEST",
                "a page of another site may not change anything here; use this service's own pages or call the API directly"),
                null);
    }

    private boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String given = origin(origin);
        return given == null || !(given.equals(ownOrigin(request)) || given.equals(publicOrigin));
    }

    private static String ownOrigin(HttpServletRequest request) {
        return origin(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }

    /** {@code scheme://host:port} in lower case with the port spelled out, or null for "null" and anything unreadable. */
    private static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
