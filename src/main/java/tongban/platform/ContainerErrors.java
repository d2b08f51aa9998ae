package tongban.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers that no controller gives, as problem+json with a code: requests the Spring Security firewall rejects
 * ({@code //}, {@code ;}, an encoded {@code .} or {@code /}: 400 {@code REQUEST_REJECTED}), and errors Tomcat answers
 * itself before any application code runs (an encoded NUL in the URI, a malformed request line), which would otherwise
 * get Tomcat's HTML error page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    static ApiProblem rejected() {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                "the request's URL or headers contain something this service does not accept (e.g. //, ;, an encoded . or /)");
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case METHOD_NOT_ALLOWED -> "this method is not allowed here";
            case NOT_FOUND -> "nothing here";
            case BAD_REQUEST -> "the request cannot be read";
            default -> status.is5xxServerError() ? "an unexpected error occurred; it has been logged"
                    : status.getReasonPhrase();
        };
    }

    @Bean
    RequestRejectedHandler problemForRejectedRequests(JsonMapper json) {
        return (request, response, rejected) -> ProblemHandler.Problems.write(response, json, rejected(), null);
    }

    /** Runs after Boot's own customizer, which installs a plain error report valve. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports(JsonMapper json) {
        return new ReportValveCustomizer(json);
    }

    private record ReportValveCustomizer(JsonMapper json)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemReportValve(json));
                // the host adds a report valve of this class only if none is present: ours is
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            });
        }
    }

    /** Tomcat's last resort for errors outside the application: problem+json instead of an HTML page. */
    static final class ProblemReportValve extends ErrorReportValve {

        private final JsonMapper json;

        ProblemReportValve(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus resolved = HttpStatus.resolve(status);
            if (resolved == null) {
                resolved = status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            ApiProblem problem = new ApiProblem(resolved, ProblemHandler.codeOf(status), detail(resolved));
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(ProblemHandler.Problems.of(problem, null)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response is already committed: nothing more to say
            }
        }
    }
}
