package tongban.storage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import tongban.archive.ObjectLocation;
import tongban.archive.ObjectStore;
import tongban.archive.ObjectStoreException;
import tongban.archive.RetryPolicy;
import tongban.archive.S3Connection;
import tongban.archive.s3.MinioObjectStore;

/** {@code objectStore} in /actuator/health: one HEAD request, not retried, so an outage shows at once. */
@Component
class ObjectStoreHealthIndicator implements HealthIndicator, DisposableBean {

    private final ObjectStore probe;
    private final S3Properties properties;

    ObjectStoreHealthIndicator(S3Connection connection, S3Properties properties) {
        this.probe = new MinioObjectStore(connection, RetryPolicy.ONCE);
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            probe.stat(ObjectLocation.of(properties.bucketCertificates(), "health-probe"));
            health = Health.up();
        } catch (ObjectStoreException e) {
            health = Health.down().withDetail("error", e.getMessage());
        }
        return health.withDetail("store", probe.describe())
                .withDetail("buckets", java.util.List.of(properties.bucketCertificates(), properties.bucketArchive()))
                .build();
    }

    @Override
    public void destroy() {
        probe.close();
    }
}
