package tongban.platform;

import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The address under which the public reaches this server (公开地址), written into QR codes, verification links and
 * the local test authority's CRL addresses: {@code tongban.public-base-url} when set, otherwise
 * {@code http://localhost:} and the port actually served, so a server started with {@code --server.port=8081}
 * issues documents that point to 8081.
 */
@Component
public class PublicBaseUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final URI configured;
    private final int port;
    private volatile URI served;

    PublicBaseUrl(@Value("${tongban.public-base-url:}") String configured, @Value("${server.port:8080}") int port) {
        this.configured = configured.isBlank() ? null : URI.create(configured.strip().replaceAll("/+$", ""));
        this.port = port;
    }

    /** The base URL for a document made now. */
    public URI get() {
        if (configured != null) {
            return configured;
        }
        URI now = served;
        return now != null ? now : beforeStart().orElseThrow(() ->
                new IllegalStateException("the web server has not chosen its random port yet"));
    }

    /** Known before the web server starts: the configured URL, or a fixed port's; empty for a random port (0). */
    public Optional<URI> beforeStart() {
        if (configured != null) {
            return Optional.of(configured);
        }
        return port > 0 ? Optional.of(local(port)) : Optional.empty();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // a separate management port has a server namespace of its own; documents point to the main one
        if (event.getApplicationContext().getServerNamespace() == null) {
            served = local(event.getWebServer().getPort());
        }
    }

    private static URI local(int port) {
        return URI.create("http://localhost:" + port);
    }
}
