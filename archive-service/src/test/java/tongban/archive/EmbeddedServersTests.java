package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.archive.s3.MinioObjectStore;

/** The embedded servers keep their data across restarts; PostgreSQL runs whether the JVM is root or not. */
class EmbeddedServersTests {

    @org.junit.jupiter.api.io.TempDir
    Path temp;

    @Test
    void postgresKeepsItsDataAcrossARestart() throws Exception {
        Path data = temp.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            execute(server, "create table kept (v text); insert into kept values ('still here')");
            server.stop();
            assertThatThrownBy(server::dataSource).isInstanceOf(IllegalStateException.class);
            server.restart();
            try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet row = s.executeQuery("select v from kept")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void oneDataFolderHasOneServerInAJvmUntilTheLastHolderCloses() throws Exception {
        Path data = temp.resolve("pg");
        EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data);
        EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data);

        assertThat(second).isSameAs(first);
        first.close();
        execute(second, "select 1");
        second.close();
        assertThatThrownBy(second::dataSource).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void s3KeepsObjectsPortAndCredentialsAcrossARestart() throws Exception {
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(temp.resolve("s3"));
             ObjectStore store = new MinioObjectStore(s3.connection(), TestBed.quickRetries())) {
            S3Connection before = s3.connection();
            store.ensureBucket("kept");
            store.putIfAbsent("kept", "a.txt", ObjectContent.of("a".getBytes()), Map.of(), Optional.empty());
            s3.stop();
            s3.restart();

            assertThat(s3.connection()).isEqualTo(before);
            assertThat(store.stat(ObjectLocation.of("kept", "a.txt"))).isPresent();
            assertThat(s3.objectFile("kept", "a.txt")).hasContent("a");
            assertThat(before.endpoint().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void s3CredentialsAreRandomAndLeftOutOfTheConnectionsText() throws Exception {
        try (EmbeddedS3Server one = EmbeddedS3Server.start(temp.resolve("one"));
             EmbeddedS3Server two = EmbeddedS3Server.start(temp.resolve("two"))) {
            assertThat(one.connection().secretKey()).hasSize(40).isNotEqualTo(two.connection().secretKey());
            assertThat(one.connection().toString()).doesNotContain(one.connection().secretKey(), one.connection().accessKey());
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
