package tongban.archive;

import java.time.Instant;
import java.util.Optional;

/**
 * An object's Object Lock state as the store reports it: the retention mode (COMPLIANCE: nobody, not even the
 * store's root, may shorten it or delete the version before {@code retainUntil}) and whether a legal hold is on.
 */
public record ObjectLock(Optional<String> mode, Optional<Instant> retainUntil, boolean legalHold) {

    public static ObjectLock none() {
        return new ObjectLock(Optional.empty(), Optional.empty(), false);
    }
}
