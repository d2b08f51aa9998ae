package tongban.archive;

import java.io.IOException;
import java.io.InputStream;

/** Reads an archived object whole and returns it only if its SHA-256 is the registered one. */
final class Verified {

    private Verified() {
    }

    static byte[] read(ObjectStore store, ObjectLocation location, Sha256 registered) {
        String where = location.toString();
        byte[] bytes;
        try (InputStream in = store.read(location)
                .orElseThrow(() -> new IntegrityException(where + " is registered but not in the store"))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ArchiveUnavailableException("object store: reading " + where + " failed", e);
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
        Sha256 actual = Sha256.of(bytes);
        if (!actual.equals(registered)) {
            throw new IntegrityException(where + " has SHA-256 " + actual + ", registered " + registered);
        }
        return bytes;
    }
}
