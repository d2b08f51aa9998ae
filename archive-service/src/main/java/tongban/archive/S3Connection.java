package tongban.archive;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach an S3 object store: endpoint, access key, secret key, region.
 * {@link #toString()} leaves the secret out, so a connection can be logged.
 */
public record S3Connection(URI endpoint, String accessKey, String secretKey, String region) {

    public S3Connection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
        return "S3Connection[endpoint=" + endpoint + ", region=" + region + "]";
    }
}
