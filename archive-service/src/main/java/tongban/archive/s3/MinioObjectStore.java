package tongban.archive.s3;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.OkHttpClient;
import tongban.archive.ObjectContent;
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

    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final S3Connection connection;
    private final Retry retry;

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
        retry.run("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (MinioException e) {
                    if (!S3Failures.hasCode(e, "BucketAlreadyOwnedByYou", "BucketAlreadyExists")) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public boolean objectLockEnabled(String bucket) {
        return retry.run("read the object lock configuration of " + bucket, () -> {
            try {
                client.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
                return true;
            } catch (MinioException e) {
                // 404 ObjectLockConfigurationNotFoundError where lock is off, 501 NotImplemented where it does not exist
                if (S3Failures.status(e) == 404 || S3Failures.status(e) == 501) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public PutResult putIfAbsent(String bucket, String key, ObjectContent content, Map<String, String> metadata,
                                 Optional<Instant> lockedUntil) {
        Map<String, String> encoded = new HashMap<>();
        metadata.forEach((name, value) -> encoded.put(name.toLowerCase(Locale.ROOT), URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return retry.run("put " + bucket + "/" + key, () -> {
            try (InputStream in = content.open()) {
                PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(in, content.size(), PART_SIZE)
                        .headers(Map.of("If-None-Match", "*"))
                        .userMetadata(encoded);
                lockedUntil.ifPresent(until ->
                        put.retention(new Retention(RetentionMode.COMPLIANCE, until.atZone(ZoneOffset.UTC))));
                ObjectWriteResponse written = client.putObject(put.build());
                return PutResult.created(written.versionId());
            } catch (MinioException e) {
                if (S3Failures.status(e) == 412) {
                    return PutResult.alreadyExists();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<StoredObject> stat(String bucket, String key) {
        return retry.run("stat " + bucket + "/" + key, () -> {
            try {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                Map<String, String> metadata = new HashMap<>();
                Http.Headers user = stat.userMetadata();
                for (String name : user.names()) {
                    metadata.put(name.toLowerCase(Locale.ROOT), URLDecoder.decode(user.getFirst(name), StandardCharsets.UTF_8));
                }
                return Optional.of(new StoredObject(key, stat.size(), stat.lastModified().toInstant(), metadata));
            } catch (MinioException e) {
                if (S3Failures.isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<InputStream> read(String bucket, String key) {
        return retry.run("read " + bucket + "/" + key, () -> {
            try {
                return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            } catch (MinioException e) {
                if (S3Failures.isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Not retried midway (a listing cannot resume from any item): a failure ends the stream with the exception. */
    @Override
    public Stream<StoredObject> list(String bucket) {
        Iterator<Result<Item>> items = client.listObjects(
                ListObjectsArgs.builder().bucket(bucket).recursive(true).build()).iterator();
        Iterator<StoredObject> objects = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return retry.once("list " + bucket, items::hasNext);
            }

            @Override
            public StoredObject next() {
                Item item = retry.once("list " + bucket, () -> items.next().get());
                return new StoredObject(item.objectName(), item.size(), item.lastModified().toInstant(), Map.of());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void delete(String bucket, String key) {
        retry.run("delete " + bucket + "/" + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
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
