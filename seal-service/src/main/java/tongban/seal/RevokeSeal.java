package tongban.seal;

import java.time.Instant;
import java.util.Objects;

/**
 * Revoke a seal (吊销印章) as of {@code at}: documents whose seal is proven (timestamped) before then stay valid,
 * those claiming a later time are invalid.
 *
 * @param sealId the seal, current or retired
 * @param at     since when it is revoked: not in the future, not before the seal's certificate began
 * @param reason why
 */
public record RevokeSeal(String sealId, Instant at, RevocationReason reason) {

    public RevokeSeal {
        Objects.requireNonNull(sealId, "sealId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
