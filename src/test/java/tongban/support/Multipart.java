package tongban.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body, built by hand as a browser or curl would send it. */
public final class Multipart {

    private final String boundary = "----tongban" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public Multipart json(String name, String json) {
        return part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A plain form field, as a browser sends a text input. */
    public Multipart text(String name, String value) {
        return part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    public Multipart file(String name, String fileName, String contentType, byte[] bytes) {
        return part(name, fileName, contentType, bytes);
    }

    private Multipart part(String name, String fileName, String contentType, byte[] bytes) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append('"');
        }
        head.append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
    }
}
