package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.archive.embedded.EmbeddedS3Server;

/** The early start's hand-over: a bean takes the running server once; what no bean took is stopped; a failure is the bean's. */
class StartingServersTests {

    @TempDir
    Path dir;

    @Test
    void aServerNoBeanTookIsStoppedAndATakenOneIsLeftToItsBean() {
        StartingServers untaken = new StartingServers(null, () -> EmbeddedS3Server.start(dir.resolve("a")));
        StartingServers taken = new StartingServers(null, () -> EmbeddedS3Server.start(dir.resolve("b")));
        assertThat(untaken.takePostgres()).isNull();
        try (EmbeddedS3Server server = taken.takeS3()) {
            URI endpoint = server.connection().endpoint();
            taken.close();
            assertThat(listening(endpoint)).isTrue();
            assertThat(taken.takeS3()).isNull();
        }
        untaken.close();
        assertThat(untaken.takeS3()).isNull();
    }

    @Test
    void aStartThatFailedFailsTheBeanWithItsOwnError() {
        IllegalStateException failure = new IllegalStateException("cannot start");
        StartingServers starting = new StartingServers(() -> {
            throw failure;
        }, null);
        assertThatThrownBy(starting::takePostgres).isSameAs(failure);
        starting.close();
    }

    @Test
    void closingWaitsForAStartUnderWayAndStopsWhatItStarted() {
        EmbeddedS3Server[] started = new EmbeddedS3Server[1];
        StartingServers starting = new StartingServers(null, () -> started[0] = EmbeddedS3Server.start(dir.resolve("c")));
        starting.close();
        assertThat(listening(started[0].connection().endpoint())).isFalse();
    }

    private static boolean listening(URI endpoint) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
