package tongban.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.WormStatus;

/**
 * {@code worm} in /actuator/health: whether the store enforces write-once (S3 Object Lock) or only the archive's
 * write-once fallback does, bucket by bucket, and the last fixity audit. Always UP: the fallback is a supported
 * mode, and audit findings are for operators to investigate, not a reason to take the node out of service.
 */
@Component
class WormHealthIndicator implements HealthIndicator {

    private final Archive archive;

    WormHealthIndicator(Archive archive) {
        this.archive = archive;
    }

    @Override
    public Health health() {
        WormStatus worm = archive.worm();
        Health.Builder health = Health.up()
                .withDetail("enforcedByStore", worm.enforcedByStore())
                .withDetail("mode", worm.mode())
                .withDetail("objectLock", Map.of(worm.certificatesBucket(), worm.certificatesLocked(),
                        worm.packagesBucket(), worm.packagesLocked()))
                .withDetail("defaultRetention", Map.of(
                        worm.certificatesBucket(), worm.certificates().defaultRetention().orElse("none"),
                        worm.packagesBucket(), worm.packages().defaultRetention().orElse("none")));
        archive.fixity().latest().ifPresent(audit -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("id", audit.id());
            last.put("state", audit.state());
            last.put("startedAt", audit.startedAt());
            audit.finishedAt().ifPresent(at -> last.put("finishedAt", at));
            last.put("objectsChecked", audit.objectsChecked());
            last.put("findings", audit.findings().size());
            health.withDetail("lastAudit", last);
        });
        return health.build();
    }
}
