package tongban.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.archive.ArchiveUnavailableException;
import tongban.archive.ObjectContent;
import tongban.archive.ObjectLocation;
import tongban.archive.ObjectStore;
import tongban.archive.ObjectStoreException;
import tongban.archive.Sha256;
import tongban.platform.ApiProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where published pack versions live: the compiled jar and the sources zip write-once in the object store, each under
 * its SHA-256 (so a key only ever holds its own content), and the version's row in PostgreSQL. The objects are written
 * before the row, outside any transaction; a row names only objects that exist.
 */
final class PackVersionStore {

    /** A version's row: the public record, where its objects are, and its item.yaml with its catalogue files. */
    record Stored(PackVersion version, String artefactKey, String sourcesKey, Map<String, String> itemFiles) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> FILES = new TypeReference<>() { };

    private final Supplier<JdbcClient> database;
    private final Supplier<PlatformTransactionManager> transactionManager;
    private final ObjectStore store;
    private final String bucket;
    private volatile boolean bucketReady;
    private volatile JdbcClient jdbc;
    private volatile TransactionTemplate transactions;

    PackVersionStore(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectStore store, String bucket) {
        this(() -> jdbc, () -> transactions, store, bucket);
    }

    /**
     * The database is asked for on first use, not when the service's beans are made, so that a configuration the
     * service refuses (seal keys, say) is reported as such and not as the database it did not reach yet.
     */
    PackVersionStore(Supplier<JdbcClient> jdbc, Supplier<PlatformTransactionManager> transactions, ObjectStore store,
                     String bucket) {
        this.database = jdbc;
        this.transactionManager = transactions;
        this.store = store;
        this.bucket = bucket;
    }

    private JdbcClient jdbc() {
        if (jdbc == null) {
            jdbc = database.get();
        }
        return jdbc;
    }

    private TransactionTemplate transactions() {
        if (transactions == null) {
            transactions = new TransactionTemplate(transactionManager.get());
        }
        return transactions;
    }

    /** Every version of every item, by item and date. */
    List<Stored> all() {
        return jdbc().sql("select * from rule_pack_version order by item, effective_from").query(PackVersionStore::row).list();
    }

    /** Changes whenever a version is published: what a node compares to see whether to read {@link #all} again. */
    String stamp() {
        return jdbc().sql("select count(*) || ':' || coalesce(max(published_at)::text, '') from rule_pack_version")
                .query(String.class).single();
    }

    /**
     * Stores the objects, then registers the version and sets the item's {@code effective_to} dates anew. Publishing the
     * same version on the same date again returns the version registered (a retry); another version on a date taken
     * is refused (409 {@code PACK_VERSION_DATE_TAKEN}).
     */
    Stored publish(PackSource source, LocalDate effectiveFrom, byte[] jar, String actor, Instant now) {
        byte[] zip = source.toZip();
        Sha256 jarSha = Sha256.of(jar);
        Sha256 zipSha = Sha256.of(zip);
        String jarKey = "rule-packs/" + source.item() + "/" + jarSha.hex() + ".jar";
        String zipKey = "rule-packs/" + source.item() + "/" + zipSha.hex() + ".zip";
        put(jarKey, jar, jarSha);
        put(zipKey, zip, zipSha);
        Map<String, String> itemFiles = new TreeMap<>(source.files());
        itemFiles.keySet().removeIf(name -> name.endsWith(".drl"));
        String itemJson = JSON.writeValueAsString(itemFiles);
        return transactions().execute(tx -> {
            // one publication of an item at a time, on any node: the effective_to dates are computed over all its rows
            jdbc().sql("select pg_advisory_xact_lock(hashtext('rule_pack_version:' || ?))").param(source.item())
                    .query(Object.class).single();
            Optional<Stored> taken = jdbc().sql("select * from rule_pack_version where item = ? and effective_from = ?")
                    .params(source.item(), Date.valueOf(effectiveFrom)).query(PackVersionStore::row).optional();
            if (taken.isPresent()) {
                if (taken.get().version().version().equals(source.version())) {
                    return taken.get();
                }
                throw new ApiProblem(HttpStatus.CONFLICT, "PACK_VERSION_DATE_TAKEN", "version "
                        + taken.get().version().version() + " of " + source.item() + " takes effect on " + effectiveFrom
                        + " already; publish on another date", "effectiveFrom", List.of());
            }
            jdbc().sql("insert into rule_pack_version (item, effective_from, version, artefact_key, artefact_sha256,"
                            + " sources_key, sources_sha256, item_files, published_at, published_by)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")
                    .params(source.item(), Date.valueOf(effectiveFrom), source.version(), jarKey, jarSha.hex(), zipKey,
                            zipSha.hex(), itemJson, Timestamp.from(now), actor).update();
            jdbc().sql("update rule_pack_version v set effective_to = n.next_from - 1 from (select effective_from,"
                            + " lead(effective_from) over (order by effective_from) as next_from from rule_pack_version"
                            + " where item = ?) n where v.item = ? and v.effective_from = n.effective_from")
                    .params(source.item(), source.item()).update();
            return jdbc().sql("select * from rule_pack_version where item = ? and effective_from = ?")
                    .params(source.item(), Date.valueOf(effectiveFrom)).query(PackVersionStore::row).single();
        });
    }

    /** A stored object's bytes, checked against the SHA-256 its key names. */
    byte[] read(String key) {
        try (InputStream in = store.read(ObjectLocation.of(bucket, key)).orElseThrow(() ->
                new ArchiveUnavailableException("object store: " + bucket + "/" + key + " is registered but missing", null))) {
            byte[] bytes = in.readAllBytes();
            String expected = key.substring(key.lastIndexOf('/') + 1, key.lastIndexOf('.'));
            if (!Sha256.of(bytes).hex().equals(expected)) {
                throw new ArchiveUnavailableException("object store: " + bucket + "/" + key + " does not hold its content", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }

    private void put(String key, byte[] bytes, Sha256 sha) {
        try {
            if (!bucketReady) {
                store.ensureBucket(bucket);
                bucketReady = true;
            }
            // an occupant of the key is this content: the key names it (a retry of a publication)
            store.putIfAbsent(bucket, key, ObjectContent.of(bytes), Map.of("sha256", sha.hex()), Optional.empty());
        } catch (ObjectStoreException e) {
            throw new ArchiveUnavailableException("object store: " + e.getMessage(), e);
        }
    }

    private static Stored row(ResultSet rs, int n) throws SQLException {
        Date to = rs.getDate("effective_to");
        return new Stored(new PackVersion(rs.getString("item"), rs.getString("version"),
                rs.getDate("effective_from").toLocalDate(), to == null ? null : to.toLocalDate(),
                rs.getString("artefact_sha256"), rs.getString("sources_sha256"),
                rs.getTimestamp("published_at").toInstant(), rs.getString("published_by")),
                rs.getString("artefact_key"), rs.getString("sources_key"),
                JSON.readValue(rs.getString("item_files"), FILES));
    }
}
