package tongban.archive.s3;

import io.minio.BucketExistsArgs;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.GetBucketVersioningArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.GetObjectRetentionArgs;
import io.minio.Http;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetObjectLockConfigurationArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ObjectLockConfiguration;
import io.minio.messages.ObjectLockConfiguration.RetentionDurationYears;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import io.minio.messages.VersioningConfiguration;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.archive.BucketProtection;
import tongban.archive.ObjectContent;
import tongban.archive.ObjectLocation;
import tongban.archive.ObjectLock;
import tongban.archive.ObjectStore;
import tongban.archive.ObjectStoreException;
import tongban.archive.PutResult;
import tongban.archive.RetryPolicy;
import tongban.archive.S3Connection;
import tongban.archive.StoredObject;

/**
 * {@link ObjectStore} over the S3 API with the MinIO Java client. Metadata values are percent-encoded UTF-8, since
 * HTTP headers carry ASCII only. Every call retries transient failures (see {@link RetryPolicy}).
 */
public final class MinioObjectStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(MinioObjectStore.class);
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final S3Connection connection;
    private final Retry retry;
    /** Read once per bucket: versioning cannot be turned off again, and Object Lock never. */
    private final Map<String, BucketProtection> protections = new ConcurrentHashMap<>();

    public MinioObjectStore(S3Connection connection, RetryPolicy retryPolicy) {
        this.connection = connection;
        this.retry = new Retry(retryPolicy);
        OkHttpClient http = new OkHttpClient.Builder()
                // small PUTs otherwise wait out delayed ACKs (~40 ms each) on some stores
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false) // retries are ours, counted and logged
                .build();
        this.client = MinioClient.builder()
                .endpoint(connection.endpoint().toString())
                .credentials(connection.accessKey(), connection.secretKey())
                .region(connection.region())
                .httpClient(http, true)
                .build();
    }

    @Override
    public void ensureBucket(String bucket) {
        create(bucket, false);
    }

    @Override
    public void ensureLockedBucket(String bucket, int defaultRetentionYears) {
        if (create(bucket, true)) {
            retry.run("set the default retention of " + bucket, () -> {
                try {
                    client.setObjectLockConfiguration(SetObjectLockConfigurationArgs.builder().bucket(bucket)
                            .config(new ObjectLockConfiguration(RetentionMode.COMPLIANCE,
                                    new RetentionDurationYears(defaultRetentionYears))).build());
                } catch (MinioException e) {
                    // a store without Object Lock made a plain bucket: protection() says so, and the archive refuses it
                    if (!notConfigured(e) && S3Failures.status(e) != 400) {
                        throw e;
                    }
                    log.warn("{} has no Object Lock: {}", bucket, S3Failures.summary(e));
                }
                return null;
            });
        }
    }

    /** Creates the bucket unless it exists; true if this call created it. */
    private boolean create(String bucket, boolean objectLock) {
        protections.remove(bucket);
        return retry.run("create bucket " + bucket, () -> {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return false;
            }
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).objectLock(objectLock).build());
                return true;
            } catch (MinioException e) {
                if (S3Failures.hasCode(e, "BucketAlreadyOwnedByYou", "BucketAlreadyExists")) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public BucketProtection protection(String bucket) {
        return protections.computeIfAbsent(bucket, this::readProtection);
    }

    private BucketProtection readProtection(String bucket) {
        return retry.run("read the versioning and object lock configuration of " + bucket, () -> {
            VersioningConfiguration.Status status = unlessNotConfigured(() -> client.getBucketVersioning(
                    GetBucketVersioningArgs.builder().bucket(bucket).build()).status(), VersioningConfiguration.Status.OFF);
            // a suspended bucket keeps its versions: treat it as versioned
            boolean versioned = status == VersioningConfiguration.Status.ENABLED || status == VersioningConfiguration.Status.SUSPENDED;
            Optional<ObjectLockConfiguration> lock = unlessNotConfigured(() -> Optional.of(client.getObjectLockConfiguration(
                    GetObjectLockConfigurationArgs.builder().bucket(bucket).build())), Optional.empty());
            if (lock.isEmpty()) {
                return new BucketProtection(versioned, false, Optional.empty());
            }
            ObjectLockConfiguration configuration = lock.get();
            Optional<String> defaultRetention = configuration.mode() == null || configuration.duration() == null ? Optional.empty()
                    : Optional.of(configuration.mode() + " " + configuration.duration().duration() + " "
                    + configuration.duration().unit().toString().toLowerCase(Locale.ROOT));
            return new BucketProtection(true, true, defaultRetention);
        });
    }

    /** 404 where a configuration is not set (ObjectLockConfigurationNotFoundError), 501 where a store has no such API. */
    private static boolean notConfigured(Throwable e) {
        return S3Failures.status(e) == 404 || S3Failures.status(e) == 501;
    }

    @Override
    public PutResult putIfAbsent(String bucket, String key, ObjectContent content, Map<String, String> metadata,
                                 Optional<Instant> lockedUntil) {
        Map<String, String> encoded = new HashMap<>();
        metadata.forEach((name, value) -> encoded.put(name.toLowerCase(Locale.ROOT), URLEncoder.encode(value, StandardCharsets.UTF_8)));
        boolean versioned = protection(bucket).versioned();
        if (versioned) {
            Optional<String> occupant = firstVersion(bucket, key);
            if (occupant.isPresent()) {
                return PutResult.occupiedBy(version(bucket, key, occupant.get()));
            }
        }
        PutResult put = retry.run("put " + bucket + "/" + key, () -> {
            try (InputStream in = content.open()) {
                PutObjectArgs.Builder args = PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(in, content.size(), PART_SIZE)
                        .headers(Map.of("If-None-Match", "*"))
                        .userMetadata(encoded);
                lockedUntil.ifPresent(until ->
                        args.retention(new Retention(RetentionMode.COMPLIANCE, until.atZone(ZoneOffset.UTC))));
                ObjectWriteResponse written = client.putObject(args.build());
                return PutResult.created(versionOf(written.versionId()));
            } catch (MinioException e) {
                if (S3Failures.status(e) == 412) {
                    return null; // the key is taken: its occupant is read below, outside the retried call
                }
                throw e;
            }
        });
        if (put == null) {
            return PutResult.occupiedBy(stat(ObjectLocation.of(bucket, key)).orElseThrow(() -> new ObjectStoreException(
                    "put " + bucket + "/" + key + ": refused as existing, then not found", null, true)));
        }
        if (versioned) {
            // A concurrent writer may have put a version between the look and the write: the first version wins.
            String first = firstVersion(bucket, key).orElseThrow(() -> new ObjectStoreException(
                    "put " + bucket + "/" + key + ": written, then not listed", null, true));
            if (!put.versionId().equals(Optional.of(first))) {
                log.warn("{}/{}: a concurrent write came first; version {} is left unregistered", bucket, key,
                        put.versionId().orElse("?"));
                return PutResult.occupiedBy(version(bucket, key, first));
            }
        }
        if (lockedUntil.isPresent()) {
            checkRetention(new ObjectLocation(bucket, key, put.versionId()), lockedUntil.get());
        }
        return put;
    }

    /** Reads back the retention just written: a store may keep another date than it accepted (see Retention.LOCK_HORIZON). */
    private void checkRetention(ObjectLocation location, Instant asked) {
        ObjectLock kept = lock(location, false).orElseThrow(() -> new ObjectStoreException(
                "put " + location + ": written, then not found", null, true));
        boolean compliance = kept.mode().filter("COMPLIANCE"::equals).isPresent();
        boolean longEnough = kept.retainUntil().filter(until -> !until.isBefore(asked.truncatedTo(ChronoUnit.SECONDS))).isPresent();
        if (!compliance || !longEnough) {
            throw new ObjectStoreException("put " + location + ": asked for COMPLIANCE retention until " + asked
                    + ", the store keeps " + kept.mode().orElse("no mode") + " until "
                    + kept.retainUntil().map(Instant::toString).orElse("never") + "; the object is not archived", null, false);
        }
    }

    /** The id of the key's oldest version that is not a delete marker. */
    private Optional<String> firstVersion(String bucket, String key) {
        return retry.run("list the versions of " + bucket + "/" + key, () -> {
            String found = null;
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(key)
                    .includeVersions(true).recursive(true).build())) {
                Item item = result.get();
                // versions of a key are listed newest first; the prefix also matches longer keys
                if (item.objectName().equals(key) && !item.isDeleteMarker()) {
                    found = item.versionId();
                }
            }
            return Optional.ofNullable(found);
        });
    }

    private StoredObject version(String bucket, String key, String versionId) {
        ObjectLocation location = new ObjectLocation(bucket, key, Optional.of(versionId));
        return stat(location).orElseThrow(() -> new ObjectStoreException(location + ": listed, then not found", null, true));
    }

    /** HEAD: size, date, metadata and, where the bucket has Object Lock, the object's retention and legal hold. */
    private Optional<StatObjectResponse> head(ObjectLocation location) {
        return ifExists("stat " + location, () -> client.statObject(StatObjectArgs.builder().bucket(location.bucket())
                .object(location.key()).versionId(location.versionId().orElse(null)).build()));
    }

    /** The call's answer, or empty where the store says there is no such object or version. */
    private <T> Optional<T> ifExists(String what, Retry.Call<T> call) {
        return retry.run(what, () -> {
            try {
                return Optional.of(call.call());
            } catch (MinioException e) {
                if (S3Failures.isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The call's answer, or {@code otherwise} where the store says the configuration asked for is not set. */
    private static <T> T unlessNotConfigured(Retry.Call<T> call, T otherwise) throws Exception {
        try {
            return call.call();
        } catch (MinioException e) {
            if (!notConfigured(e)) {
                throw e;
            }
            return otherwise;
        }
    }

    @Override
    public Optional<StoredObject> stat(ObjectLocation location) {
        return head(location).map(stat -> {
            Map<String, String> metadata = new HashMap<>();
            Http.Headers user = stat.userMetadata();
            for (String name : user.names()) {
                metadata.put(name.toLowerCase(Locale.ROOT), URLDecoder.decode(user.getFirst(name), StandardCharsets.UTF_8));
            }
            return new StoredObject(location.key(), versionOf(stat.versionId()), stat.size(), stat.lastModified().toInstant(),
                    metadata);
        });
    }

    @Override
    public Optional<InputStream> read(ObjectLocation location) {
        return ifExists("read " + location, () -> client.getObject(GetObjectArgs.builder().bucket(location.bucket())
                .object(location.key()).versionId(location.versionId().orElse(null)).build()));
    }

    /** Not retried midway (a listing cannot resume from any item): a failure ends the stream with the exception. */
    @Override
    public Stream<StoredObject> list(String bucket) {
        Iterator<Result<Item>> items = client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                .includeVersions(protection(bucket).versioned()).build()).iterator();
        Iterator<Item> all = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return retry.once("list " + bucket, items::hasNext);
            }

            @Override
            public Item next() {
                return retry.once("list " + bucket, () -> items.next().get());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(item -> new StoredObject(item.objectName(), versionOf(item.versionId()), item.size(),
                        item.lastModified().toInstant(), Map.of(), item.isDeleteMarker()));
    }

    @Override
    public void delete(ObjectLocation location) {
        retry.run("delete " + location, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(location.bucket()).object(location.key())
                    .versionId(location.versionId().orElse(null)).build());
            return null;
        });
    }

    @Override
    public Optional<ObjectLock> lock(ObjectLocation location) {
        return lock(location, true);
    }

    /**
     * From the HEAD's {@code x-amz-object-lock-*} headers; the retention and legal hold APIs are asked only where a
     * store leaves a header out (RGW sends no legal hold header while the hold is off).
     */
    private Optional<ObjectLock> lock(ObjectLocation location, boolean withLegalHold) {
        Optional<StatObjectResponse> head = head(location);
        if (head.isEmpty() || !protection(location.bucket()).objectLock()) {
            return head.map(found -> ObjectLock.none());
        }
        StatObjectResponse stat = head.get();
        Optional<String> mode = Optional.ofNullable(stat.lockMode()).map(Object::toString);
        Optional<Instant> until = Optional.ofNullable(stat.lockRetainUntilDate()).map(date -> date.toInstant());
        if (mode.isEmpty()) {
            Optional<Retention> retention = retention(location);
            mode = retention.map(r -> r.mode().toString());
            until = retention.map(r -> r.retainUntilDate().toInstant());
        }
        boolean legalHold = false;
        if (withLegalHold) {
            legalHold = stat.headers().get("x-amz-object-lock-legal-hold") != null
                    ? stat.lockLegalHold() != null && stat.lockLegalHold().status()
                    : legalHold(location);
        }
        return Optional.of(new ObjectLock(mode, until, legalHold));
    }

    private Optional<Retention> retention(ObjectLocation location) {
        return retry.run("read the retention of " + location, () -> unlessNotConfigured(
                () -> Optional.ofNullable(client.getObjectRetention(GetObjectRetentionArgs.builder().bucket(location.bucket())
                                .object(location.key()).versionId(location.versionId().orElse(null)).build()))
                        .filter(r -> r.mode() != null && r.retainUntilDate() != null),
                Optional.empty()));
    }

    private boolean legalHold(ObjectLocation location) {
        return retry.run("read the legal hold of " + location, () -> unlessNotConfigured(
                () -> client.isObjectLegalHoldEnabled(IsObjectLegalHoldEnabledArgs.builder().bucket(location.bucket())
                        .object(location.key()).versionId(location.versionId().orElse(null)).build()),
                false));
    }

    @Override
    public void setLegalHold(ObjectLocation location, boolean on) {
        retry.run((on ? "place a legal hold on " : "lift the legal hold of ") + location, () -> {
            String version = location.versionId().orElse(null);
            if (on) {
                client.enableObjectLegalHold(EnableObjectLegalHoldArgs.builder().bucket(location.bucket())
                        .object(location.key()).versionId(version).build());
            } else {
                client.disableObjectLegalHold(DisableObjectLegalHoldArgs.builder().bucket(location.bucket())
                        .object(location.key()).versionId(version).build());
            }
            return null;
        });
    }

    /** Stores without versioning answer no version id or the literal "null". */
    private static Optional<String> versionOf(String versionId) {
        return versionId == null || versionId.isEmpty() || versionId.equals("null") ? Optional.empty() : Optional.of(versionId);
    }

    @Override
    public String describe() {
        return "S3 " + connection.endpoint() + " (" + connection.region() + ")";
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new ObjectStoreException("cannot close the S3 client", e, false);
        }
    }
}
