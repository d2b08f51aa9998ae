package tongban.seal;

import java.time.Instant;

/**
 * A sealed document (已盖章文件).
 *
 * @param pdf          the sealed PDF
 * @param sha256       lower-case hex SHA-256 of {@code pdf}
 * @param departmentId the sealing department
 * @param sealId       the seal used
 * @param level        the PAdES level applied
 * @param sealedAt     the time the seal was applied (the signature timestamp's time)
 */
public record SealedDocument(byte[] pdf, String sha256, String departmentId, String sealId, SealLevel level,
                             Instant sealedAt) {
}
