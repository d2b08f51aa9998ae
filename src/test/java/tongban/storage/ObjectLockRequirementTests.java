package tongban.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import tongban.TongbanApplication;

/**
 * With {@code tongban.archive.require-object-lock} (the prod profile's setting) the application does not start on a
 * store whose buckets lack S3 Object Lock, here the embedded S3Proxy, and says which buckets.
 */
class ObjectLockRequirementTests {

    @Test
    void theApplicationRefusesToStartOnBucketsWithoutObjectLock() {
        // the refusal is what this test expects: SpringApplication's ERROR with the whole stack trace would only alarm
        SpringApplicationBuilder application = new SpringApplicationBuilder(TongbanApplication.class)
                .properties("server.port=0", "tongban.archive.require-object-lock=true",
                        "tongban.data-dir=src/target/test-data-lock-required",
                        "tongban.archive.audit.cron=-", "logging.level." + SpringApplication.class.getName() + "=off");
        try {
            assertThatThrownBy(application::run).satisfies(failure -> {
                Throwable cause = failure;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertThat(cause).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("requires S3 Object Lock")
                        .hasMessageContaining("tongban-certificates").hasMessageContaining("tongban-archive");
            });
        } finally {
            // the level outlives the failed start in this JVM; later contexts' failures must still be logged
            LoggingSystem.get(getClass().getClassLoader()).setLogLevel(SpringApplication.class.getName(), null);
        }
    }
}
