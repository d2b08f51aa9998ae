package tongban.archive;

/**
 * Whether the store enforces write-once-read-many (WORM) itself, bucket by bucket: with S3 Object Lock each object
 * gets a COMPLIANCE retention; without it the archive still never overwrites (conditional PUT) and checks SHA-256,
 * but someone holding the store's credentials could delete or replace objects.
 */
public record WormStatus(String certificatesBucket, boolean certificatesLocked, String packagesBucket, boolean packagesLocked) {

    public boolean enforcedByStore() {
        return certificatesLocked && packagesLocked;
    }

    public String mode() {
        if (enforcedByStore()) {
            return "S3 Object Lock, COMPLIANCE retention per object";
        }
        return certificatesLocked || packagesLocked
                ? "mixed: Object Lock on " + (certificatesLocked ? certificatesBucket : packagesBucket) + " only"
                : "write-once fallback: If-None-Match and SHA-256 fixity, no Object Lock";
    }
}
