package tongban.archive.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded PostgreSQL (内嵌数据库): the real server from the binaries on the class path, on loopback and a free port,
 * for the default run and for tests. Its data folder persists across restarts. Within one JVM a data folder has one
 * server, shared by everyone who starts it (test contexts, say) and stopped when the last one closes it. A server
 * of the folder left running by a killed process is stopped before ours starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();
    private static final String USER = "postgres";

    private final Path dataDirectory;
    private final PostgresBinaries binaries;
    private final int port;
    private EmbeddedPostgres postgres;
    private int holders;

    private EmbeddedPostgresServer(Path dataDirectory, PostgresBinaries binaries, int port) {
        this.dataDirectory = dataDirectory;
        this.binaries = binaries;
        this.port = port;
    }

    /**
     * Starts the server of {@code dataDirectory} (running initdb the first time), or joins it if this JVM runs it.
     * The binaries are unpacked once into {@code java.io.tmpdir}/tongban-postgres.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        synchronized (RUNNING) {
            EmbeddedPostgresServer server = RUNNING.get(key);
            if (server == null) {
                Path cache = Path.of(System.getProperty("java.io.tmpdir"), "tongban-postgres");
                server = new EmbeddedPostgresServer(key, PostgresBinaries.prepare(cache), freePort());
                server.launch();
                RUNNING.put(key, server);
            }
            server.holders++;
            return server;
        }
    }

    /** {@code jdbc:postgresql://localhost:PORT/postgres}; the user is {@link #user()}, trusted on loopback only. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String user() {
        return USER;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A plain, unpooled data source: for tools and tests; applications put a pool in front of {@link #jdbcUrl()}. */
    public synchronized DataSource dataSource() {
        return postgres().getPostgresDatabase();
    }

    /** Stops the server process but keeps this handle, as an outage would; {@link #restart()} brings it back. */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }

    /** Starts the stopped server again on the same port and data. */
    public synchronized void restart() {
        if (postgres == null) {
            launch();
        }
    }

    /** Releases this holder's use; the last one stops the server. */
    @Override
    public void close() {
        synchronized (RUNNING) {
            if (--holders == 0) {
                RUNNING.remove(dataDirectory);
                stop();
            }
        }
    }

    private synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("the embedded PostgreSQL server is stopped");
        }
        return postgres;
    }

    /** The server's own log, beside its data folder: initdb and PostgreSQL write there, not into the app's log. */
    public Path logFile() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(dataDirectory);
            stopLeftover();
            postgres = EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .setPgBinaryResolver(binaries)
                    .setOverrideWorkingDirectory(dataDirectory.resolveSibling(dataDirectory.getFileName() + "-launchers").toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky's default is off: a crash could then lose the last commits, which the archive promises not to
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server in " + dataDirectory
                    + "; its log is " + logFile(), e);
        }
    }

    /**
     * A server of this data folder left running by a process that was killed (kill -9 does not stop a daemonised
     * postmaster) would refuse our start ("lock file postmaster.pid already exists"): it is asked to shut down fast
     * (SIGINT: its transactions roll back, committed data stay) and awaited. A pid file naming a process that is not
     * a postmaster (the pid was reused) is left to PostgreSQL, which ignores a stale one.
     */
    private void stopLeftover() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException unreadable) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        log.warn("the embedded PostgreSQL of {} is still running (pid {}), left by a process that was killed: stopping it",
                dataDirectory, pid);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            leftover.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL server " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the leftover PostgreSQL server " + pid + " of " + dataDirectory + " did not stop", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
