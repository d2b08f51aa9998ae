package tongban.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.archive.s3.MinioObjectStore;

/**
 * Real stores for one test class: a fresh database on the embedded PostgreSQL server of this JVM (migrated by the
 * module's Flyway scripts) and an object store, plus an archive over both with a settable clock.
 *
 * <p>The object store is a fresh embedded S3Proxy (no Object Lock: the write-once fallback), or, with
 * {@code -Dtongban.test.store=ceph}, a Ceph RADOS Gateway started by {@code scripts/ceph-s3.sh up} and named by
 * {@code TONGBAN_TEST_CEPH_ENDPOINT}, {@code _ACCESS_KEY} and {@code _SECRET_KEY}: there each bed makes new buckets
 * with Object Lock (locked objects outlive the test, so names are never reused). Classes tagged {@code any-store}
 * run on both; {@code object-lock} ones on Ceph only.
 */
final class TestBed implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static EmbeddedPostgresServer postgres;

    /** Null on Ceph. */
    final EmbeddedS3Server s3;
    final String certificates;
    final String packages;
    final HikariDataSource dataSource;
    final ObjectStore store;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    final ArchiveSettings settings;
    final Archive archive;

    private TestBed(EmbeddedPostgresServer server, ArchiveSettings settings, RetryPolicy retry) throws Exception {
        String database = "archive_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database);
            statement.execute("create database " + database);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(server.jdbcUrl().replace("/postgres", "/" + database));
        pool.setUsername(server.user());
        pool.setMaximumPoolSize(4);
        pool.setConnectionTimeout(3000);
        pool.setInitializationFailTimeout(-1);
        dataSource = new HikariDataSource(pool);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        s3 = onCeph() ? null : EmbeddedS3Server.start(Files.createTempDirectory("archive-test-s3"));
        store = new MinioObjectStore(onCeph() ? cephConnection() : s3.connection(), retry);
        certificates = settings.certificatesBucket();
        packages = settings.packagesBucket();
        this.settings = settings;
        archive = Archive.open(store, dataSource, settings, clock);
    }

    /** Default settings, a quick retry policy (tests wait on it), the shared PostgreSQL server. */
    static TestBed start() throws Exception {
        return start(sharedPostgres(), settings(Duration.ofHours(1)), quickRetries());
    }

    static TestBed start(EmbeddedPostgresServer server, ArchiveSettings settings, RetryPolicy retry) throws Exception {
        return new TestBed(server, settings, retry);
    }

    static ArchiveSettings settings(Duration orphanGrace) {
        return settings(orphanGrace, RetentionPolicy.standard());
    }

    static ArchiveSettings settings(Duration orphanGrace, RetentionPolicy retention) {
        if (onCeph()) {
            String suffix = "-" + RUN + "-" + BUCKETS.incrementAndGet();
            return new ArchiveSettings("certificates" + suffix, "archive" + suffix, true, retention, orphanGrace,
                    Duration.ofSeconds(10), 4);
        }
        return new ArchiveSettings("certificates", "archive", false, retention, orphanGrace, Duration.ofSeconds(10), 4);
    }

    /** Whether this run's store is the Ceph RADOS Gateway ({@code -Dtongban.test.store=ceph}). */
    static boolean onCeph() {
        String store = System.getProperty("tongban.test.store", "embedded");
        if (!store.equals("embedded") && !store.equals("ceph")) {
            throw new IllegalArgumentException("tongban.test.store is embedded or ceph, not " + store);
        }
        return store.equals("ceph");
    }

    static S3Connection cephConnection() {
        return new S3Connection(URI.create(cephSetting("ENDPOINT")), cephSetting("ACCESS_KEY"), cephSetting("SECRET_KEY"),
                "us-east-1");
    }

    private static String cephSetting(String name) {
        String value = System.getenv("TONGBAN_TEST_CEPH_" + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("TONGBAN_TEST_CEPH_" + name + " is not set: start Ceph with scripts/ceph-s3.sh up"
                    + " and export what 'scripts/ceph-s3.sh test-env' prints");
        }
        return value;
    }

    static RetryPolicy quickRetries() {
        return new RetryPolicy(8, Duration.ofMillis(50), Duration.ofMillis(800));
    }

    static synchronized EmbeddedPostgresServer sharedPostgres() throws Exception {
        if (postgres == null) {
            Path folder = Files.createTempDirectory("archive-test-pg");
            postgres = EmbeddedPostgresServer.start(folder.resolve("pg"));
            // shared by every bed of the JVM: stopped and removed when it exits
            EmbeddedPostgresServer server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } finally {
                    deleteTree(folder);
                }
            }, "archive-test-pg-cleanup"));
        }
        return postgres;
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.7\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    static StoreCertificate certificate(String number, String holder, byte[] pdf) {
        return new StoreCertificate(UUID.randomUUID(), "business-licence", number, holder, "上海市黄浦区市场监督管理局",
                Instant.parse("2026-11-27T08:00:00Z"), Optional.of(Instant.parse("2046-11-26T16:00:00Z")), pdf);
    }

    /** The facts {@link #application} was decided on, with the numbers written as the decider read them. */
    static final String FACTS = "{\"asOf\": \"2026-11-27\", \"applicant\": {\"age\": 34, \"share\": 1.50}}";

    static ArchiveApplication application(String applicationId, Optional<ArchiveApplication.SealedCertificate> certificate) {
        return new ArchiveApplication(applicationId, "individual-business-registration", "上海市黄浦区市场监督管理局",
                Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-27T08:05:00Z"),
                "{\"applicant\": {\"name\": \"张三\"}}".getBytes(StandardCharsets.UTF_8),
                List.of(new ArchiveApplication.Material("id-card", "身份证.jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}),
                        new ArchiveApplication.Material("premises-proof", "租赁合同.pdf", "application/pdf", pdf("lease"))),
                "{\"outcome\": \"ACCEPTABLE\", \"trace\": [\"An adult may register\"]}".getBytes(StandardCharsets.UTF_8),
                Optional.of(FACTS.getBytes(StandardCharsets.UTF_8)), "3f9a0c1d2e4b5a60", certificate);
    }

    /** Runs SQL on this bed's database, outside the archive. */
    void sql(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The object's file in the embedded store, to alter it behind the archive's back. */
    Path objectFile(String bucket, String key) {
        if (s3 == null) {
            throw new IllegalStateException("no files to alter on Ceph");
        }
        return s3.objectFile(bucket, key);
    }

    /** The bytes at a location, read through the store. */
    byte[] bytes(ObjectLocation location) throws Exception {
        try (var in = store.read(location).orElseThrow(() -> new AssertionError(location + " is not in the store"))) {
            return in.readAllBytes();
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        store.close();
        if (s3 != null) {
            s3.close();
            deleteTree(s3.dataDirectory());
        }
        dataSource.close();
    }

    /** Deletes a test's folder and what it holds: a run leaves nothing in the temporary folder. */
    static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
