package tongban.seal.timestamp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tongban.seal.SealServiceException;
import tongban.seal.TimestampAuthority;

/** A remote RFC 3161 TSA reached over HTTP (RFC 3161 §3.4), for production configuration. */
public final class HttpTimestampAuthority implements TimestampAuthority {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_RESPONSE = 64 * 1024;

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public HttpTimestampAuthority(URI url) {
        this.url = url;
    }

    @Override
    public byte[] respond(byte[] timeStampRequest) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(timeStampRequest)).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_RESPONSE) {
                throw new SealServiceException("TIMESTAMP_UNAVAILABLE",
                        "TSA " + url + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new SealServiceException("TIMESTAMP_UNAVAILABLE", "TSA " + url + " unreachable: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SealServiceException("TIMESTAMP_UNAVAILABLE", "interrupted while asking TSA " + url, e);
        }
    }
}
