package tongban.archive;

import java.util.Optional;

/**
 * What storing something write-once did. {@link Stored}: it is now in the store and registered. {@link AlreadyExists}:
 * nothing was written or changed, because its identity is taken, either by a registered record ({@code sameContent}
 * tells a harmless retry from an attempt to replace it) or, with {@code registered} empty, by an unregistered object
 * with other bytes, left by a failed earlier attempt, which reconciliation reports and may clean.
 */
public sealed interface ArchiveResult<T> permits ArchiveResult.Stored, ArchiveResult.AlreadyExists {

    record Stored<T>(T record) implements ArchiveResult<T> {
    }

    record AlreadyExists<T>(Optional<T> registered, boolean sameContent) implements ArchiveResult<T> {
    }
}
