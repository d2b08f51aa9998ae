package tongban.storage;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import tongban.archive.RetentionPolicy;

/**
 * The archive ({@code tongban.archive.*}): whether the store must enforce WORM with S3 Object Lock (then missing
 * buckets are created with it, and the application refuses to start on buckets without it; on in the prod profile),
 * retention classes and which certificate type or service item is in which, the grace period before reconciliation
 * may delete an orphan, and the fixity audit's schedule.
 */
@ConfigurationProperties("tongban.archive")
record ArchiveProperties(@DefaultValue("false") boolean requireObjectLock, @DefaultValue Retention retention,
                         @DefaultValue("1h") Duration orphanGrace, @DefaultValue Audit audit) {

    /**
     * {@code classes}: years of each retention class (default PERMANENT 100, LONG 30, SHORT 10); {@code types}:
     * certificate type or item code → class, over the class each type's template.yaml declares; anything else is
     * in {@code defaultClass}.
     */
    record Retention(Map<String, Integer> classes, Map<String, String> types, @DefaultValue("LONG") String defaultClass) {

        RetentionPolicy policy(Map<String, String> ofTemplates) {
            Map<String, Integer> years = classes == null || classes.isEmpty()
                    ? RetentionPolicy.standard().yearsOfClass() : classes;
            Map<String, String> classOf = new java.util.HashMap<>(ofTemplates);
            classOf.putAll(types == null ? Map.of() : types);
            return new RetentionPolicy(years, classOf, defaultClass);
        }
    }

    /** {@code cron}: when the scheduled audit runs ("-" for never); objects read at once; progress log interval. */
    record Audit(@DefaultValue("0 30 2 * * *") String cron, @DefaultValue("4") int parallelism,
                 @DefaultValue("10s") Duration progressInterval) {
    }
}
