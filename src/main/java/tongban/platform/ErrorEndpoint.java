package tongban.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error dispatch ({@code /error}), in place of Boot's default JSON: whatever ended here
 * without passing a controller (a method the container refuses such as TRACE, a request the firewall rejected, an
 * error raised in a filter) leaves as problem+json with a code like every other answer.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String u ? u : null;
        ApiProblem problem;
        if (failure instanceof RequestRejectedException) {
            problem = ContainerErrors.rejected();
        } else {
            HttpStatus resolved = HttpStatus.resolve(status instanceof Integer s ? s : 500);
            if (resolved == null || resolved.value() < 400) {
                resolved = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            if (resolved.is5xxServerError()) {
                log.error("error dispatch with status {} for {}", resolved.value(), uri,
                        failure instanceof Throwable t ? t : null);
            }
            problem = new ApiProblem(resolved, ProblemHandler.codeOf(resolved.value()), ContainerErrors.detail(resolved));
        }
        // the refused URI is not echoed: it may be the very string the firewall or Tomcat found unsafe
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemHandler.Problems.of(problem, null));
    }
}
