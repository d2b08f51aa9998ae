package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A context that fails before its storage beans took the servers started early leaves no server running. */
class EarlyStartTests {

    @TempDir
    Path dir;

    @Test
    void aFailedStartStopsThePostgresServerItStartedEarly() {
        SpringApplication application = new SpringApplication(Failing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addListeners(new EarlyStart());
        assertThatThrownBy(() -> application.run("--tongban.data-dir=" + dir, "--spring.main.banner-mode=off",
                "--tongban.s3.endpoint=http://127.0.0.1:9")).hasRootCauseMessage("no start today");
        // PostgreSQL removes its pid file when it stops; initdb made the folder, so the early start did run
        assertThat(dir.resolve("pg/PG_VERSION")).exists();
        assertThat(Files.exists(dir.resolve("pg/postmaster.pid"))).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    static class Failing {

        @Bean
        Object failing() throws InterruptedException {
            // long enough for the early start to be under way or done, as in the application
            Thread.sleep(200);
            throw new IllegalStateException("no start today");
        }
    }
}
