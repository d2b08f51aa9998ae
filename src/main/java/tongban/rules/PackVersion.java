package tongban.rules;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A published version of an item's pack (规则包版本): {@code version} is its content hash (a decision's
 * {@code packVersion}), in force from {@code effectiveFrom} to {@code effectiveTo} inclusive (null while no later
 * version follows); {@code artefactSha256} and {@code sourcesSha256} name the compiled jar and the sources zip
 * stored write-once.
 */
public record PackVersion(String item, String version, LocalDate effectiveFrom, LocalDate effectiveTo,
                          String artefactSha256, String sourcesSha256, Instant publishedAt, String publishedBy) {

    boolean inForceOn(LocalDate day) {
        return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day));
    }
}
