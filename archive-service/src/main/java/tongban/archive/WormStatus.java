package tongban.archive;

/**
 * Whether the store enforces write-once-read-many (WORM) itself, bucket by bucket: with S3 Object Lock each object
 * gets a COMPLIANCE retention that nobody can shorten or delete early; without it the archive still never overwrites
 * and checks SHA-256, but someone holding the store's credentials could delete or replace objects.
 */
public record WormStatus(String certificatesBucket, BucketProtection certificates, String packagesBucket,
                         BucketProtection packages) {

    public boolean certificatesLocked() {
        return certificates.objectLock();
    }

    public boolean packagesLocked() {
        return packages.objectLock();
    }

    public boolean enforcedByStore() {
        return certificatesLocked() && packagesLocked();
    }

    public String mode() {
        if (enforcedByStore()) {
            return "S3 Object Lock, COMPLIANCE retention per object";
        }
        return certificatesLocked() || packagesLocked()
                ? "mixed: Object Lock on " + (certificatesLocked() ? certificatesBucket : packagesBucket) + " only"
                : "write-once fallback: no Object Lock; conditional writes and SHA-256 fixity";
    }
}
