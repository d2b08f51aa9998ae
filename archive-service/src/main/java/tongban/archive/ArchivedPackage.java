package tongban.archive;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered e-archive package: one application's BagIt bag, stored as one zip object. {@code manifestSha256} is
 * the SHA-256 of its {@code manifest-sha256.txt}, which identifies the payload whatever the bag's dates.
 */
public record ArchivedPackage(UUID id, String applicationId, String item, String department,
                              Optional<UUID> certificateId, String packVersion, Instant submittedAt, Instant decidedAt,
                              Instant archivedAt, int payloadFiles, long payloadBytes, Sha256 manifestSha256,
                              Sha256 sha256, long size, ObjectLocation location, Retention retention) {
}
