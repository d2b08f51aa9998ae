package tongban.archive;

import java.util.Optional;

/**
 * What a bucket does to keep objects: whether it keeps versions, whether it has S3 Object Lock, and its default
 * retention (e.g. "COMPLIANCE 10 years") if it has one.
 */
public record BucketProtection(boolean versioned, boolean objectLock, Optional<String> defaultRetention) {

    public static BucketProtection none() {
        return new BucketProtection(false, false, Optional.empty());
    }
}
