package tongban.archive;

import java.util.Optional;

/**
 * What storing something write-once did. {@link Stored}: it is now in the store and registered. {@link AlreadyExists}:
 * nothing was changed, because its identity (certificate type and number, application id) is registered already;
 * {@code sameContent} tells a harmless retry from an attempt to replace it. (Records are never deleted, so
 * {@code registered} is always present; callers written when it could be empty still compile.)
 */
public sealed interface ArchiveResult<T> permits ArchiveResult.Stored, ArchiveResult.AlreadyExists {

    record Stored<T>(T record) implements ArchiveResult<T> {
    }

    record AlreadyExists<T>(Optional<T> registered, boolean sameContent) implements ArchiveResult<T> {
    }
}
