package tongban.seal;

import java.time.Instant;

/**
 * Audit record of one seal application (用印记录). Carries no key material and no secret.
 *
 * @param at             when the seal was applied
 * @param actor          who asked for it
 * @param departmentId   the department whose seal was used
 * @param sealId         the seal used
 * @param documentSha256 SHA-256 (hex) of the document as submitted
 * @param sealedSha256   SHA-256 (hex) of the sealed document
 * @param level          the PAdES level applied
 */
public record SealApplied(Instant at, String actor, String departmentId, String sealId, String documentSha256,
                          String sealedSha256, SealLevel level) {
}
