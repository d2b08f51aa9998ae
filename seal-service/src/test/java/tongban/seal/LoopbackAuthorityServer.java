package tongban.seal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A TSA and CRL server on loopback, as a production TSA and CA would be reached: POST /tsa (RFC 3161 over HTTP) and
 * GET /crl/{file}.
 */
final class LoopbackAuthorityServer implements AutoCloseable {

    private final HttpServer server;
    private volatile TimestampAuthority tsa;
    private volatile Supplier<RevocationList> crl;

    LoopbackAuthorityServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", exchange -> {
            byte[] body = tsa.respond(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            send(exchange, body);
        });
        server.createContext("/crl/", exchange -> send(exchange, crl.get().der()));
        server.start();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    void serve(TimestampAuthority tsa, Supplier<RevocationList> crl) {
        this.tsa = tsa;
        this.crl = crl;
    }

    URI tsaUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    URI crlBaseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crl");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
