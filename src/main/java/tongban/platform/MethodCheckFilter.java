package tongban.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * A method an endpoint does not have is 405 {@code METHOD_NOT_ALLOWED} with {@code Allow}, before any login is asked
 * for: without this, security would answer an anonymous {@code DELETE} on an applicant's path with 401, as if logging in
 * could make it work.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class MethodCheckFilter extends OncePerRequestFilter {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final JsonMapper json;

    MethodCheckFilter(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
                      JsonMapper json) {
        this.mappings = mappings;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpRequestMethodNotSupportedException wrongMethod = wrongMethod(request);
        if (wrongMethod == null) {
            chain.doFilter(request, response);
            return;
        }
        if (wrongMethod.getSupportedHttpMethods() != null) {
            response.setHeader(HttpHeaders.ALLOW, wrongMethod.getSupportedHttpMethods().stream()
                    .map(Object::toString).collect(Collectors.joining(", ")));
        }
        ProblemHandler.Problems.write(response, json, new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                "this endpoint does not take " + wrongMethod.getMethod()), null);
    }

    /** What the dispatcher would find: the path is an endpoint's, the method is not one of its methods. */
    private HttpRequestMethodNotSupportedException wrongMethod(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return null;
        }
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            mapping.getHandler(request);
            return null;
        } catch (HttpRequestMethodNotSupportedException e) {
            return e;
        } catch (Exception anythingElse) {
            // not found, a media type it does not take, a path the firewall will reject: the rest of the chain answers
            return null;
        } finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                ServletRequestPathUtils.setParsedRequestPath(previous, request);
            }
        }
    }
}
