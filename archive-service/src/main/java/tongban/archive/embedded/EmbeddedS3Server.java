package tongban.archive.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import tongban.archive.S3Connection;

/**
 * Embedded S3 server (内嵌对象存储): S3Proxy with its filesystem provider, on 127.0.0.1 and a free port, with
 * credentials made at start and never written anywhere. A bucket is a folder of {@code dataDirectory} and an object
 * a file under it. It has no S3 Object Lock: the archive falls back to write-once with SHA-256 fixity.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final String REGION = "us-east-1";

    private final Path dataDirectory;
    private final BlobStore files;
    private final String accessKey = random(20);
    private final String secretKey = random(40);
    private int port; // 0 until the first start picks a free one, then kept so clients survive a restart
    private S3Proxy proxy;

    private EmbeddedS3Server(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.files = new FilesystemNio2BlobStore(dataDirectory.toString());
    }

    /** Starts a server over {@code dataDirectory}, which keeps the buckets across restarts. */
    public static EmbeddedS3Server start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedS3Server server = new EmbeddedS3Server(dataDirectory.toAbsolutePath().normalize());
        server.restart();
        return server;
    }

    /** Endpoint, credentials and region to give the S3 client. */
    public synchronized S3Connection connection() {
        return new S3Connection(URI.create("http://127.0.0.1:" + port), accessKey, secretKey, REGION);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The file that holds an object: operators may inspect it, tests corrupt it behind the archive's back. */
    public Path objectFile(String bucket, String key) {
        return dataDirectory.resolve(bucket).resolve(key);
    }

    /** Stops serving (an outage); objects and port are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the embedded S3 server", e);
            } finally {
                proxy = null;
            }
        }
    }

    /** Serves again on the same port, with the same credentials and objects. */
    public synchronized void restart() {
        if (proxy != null) {
            return;
        }
        S3Proxy started = S3Proxy.builder()
                .blobStore(files)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            started.start();
            while (!started.getState().equals("STARTED")) {
                if (started.getState().equals("FAILED")) {
                    throw new IllegalStateException("the embedded S3 server failed to start on port " + port);
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded S3 server", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded S3 server on port " + port, e);
        }
        proxy = started;
        port = started.getPort();
    }

    @Override
    public void close() {
        stop();
    }

    private static String random(int length) {
        SecureRandom random = new SecureRandom();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
