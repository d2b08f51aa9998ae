package tongban.storage;

import java.util.List;
import java.util.Map;
import tongban.audit.Audited;

/**
 * An operator had reconciliation clean the store: {@code deleted} names each object removed ({@code bucket/key} and
 * its version if any), possibly none. Keys name certificates by type and number, never a person.
 */
public record OrphansCleaned(String actor, List<String> deleted) implements Audited {

    public OrphansCleaned {
        deleted = List.copyOf(deleted);
    }

    @Override
    public String action() {
        return "ORPHANS_CLEANED";
    }

    @Override
    public String target() {
        return "archive";
    }

    @Override
    public Object detail() {
        return Map.of("count", deleted.size(), "deleted", deleted);
    }
}
