package tongban.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.EnableScheduling;
import tongban.archive.Archive;
import tongban.archive.ArchivePackages;
import tongban.archive.ArchiveSettings;
import tongban.archive.ECertificates;
import tongban.archive.ObjectStore;
import tongban.archive.RetryPolicy;
import tongban.archive.S3Connection;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.archive.s3.MinioObjectStore;
import tongban.documents.RenderCertificate;

/**
 * PostgreSQL and the object store, real or embedded, and the archive over them. Embedded servers start only for
 * what is not configured ({@code spring.datasource.url}, {@code tongban.s3.endpoint}) and stop with the context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({S3Properties.class, ArchiveProperties.class})
@EnableScheduling
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(NoDatasourceUrl.class)
    EmbeddedPostgresServer embeddedPostgres(@Value("${tongban.data-dir:./data}") Path dataDirectory,
                                            ObjectProvider<StartingServers> starting) {
        EmbeddedPostgresServer started = starting.getIfAvailable() == null ? null : starting.getObject().takePostgres();
        EmbeddedPostgresServer server = started != null ? started : EmbeddedPostgresServer.start(dataDirectory.resolve("pg"));
        log.info("no spring.datasource.url: embedded PostgreSQL on localhost:{}, data in {}", server.port(),
                server.dataDirectory());
        return server;
    }

    /**
     * The pool over the embedded server, configured by {@code spring.datasource.hikari.*} like Boot's own over a
     * configured URL (maximum-pool-size, connection-timeout: see application.yaml and the README).
     */
    @Bean(destroyMethod = "close")
    @Conditional(NoDatasourceUrl.class)
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("tongban-embedded");
        // without server detail, PostgreSQL errors cannot quote a failing row (and an ID number in it) into a log
        pool.setJdbcUrl(postgres.jdbcUrl() + "?logServerErrorDetail=false");
        pool.setUsername(postgres.user());
        return pool;
    }

    @Bean(destroyMethod = "close")
    @Conditional(NoS3Endpoint.class)
    EmbeddedS3Server embeddedS3(@Value("${tongban.data-dir:./data}") Path dataDirectory,
                                ObjectProvider<StartingServers> starting) {
        EmbeddedS3Server started = starting.getIfAvailable() == null ? null : starting.getObject().takeS3();
        EmbeddedS3Server server = started != null ? started : EmbeddedS3Server.start(dataDirectory.resolve("s3"));
        log.info("no tongban.s3.endpoint: embedded S3 server on {}, objects in {}", server.connection().endpoint(),
                server.dataDirectory());
        return server;
    }

    @Bean
    S3Connection s3Connection(S3Properties properties, ObjectProvider<EmbeddedS3Server> embedded) {
        EmbeddedS3Server server = embedded.getIfAvailable();
        if (server != null) {
            return server.connection();
        }
        if (properties.accessKey() == null || properties.secretKey() == null) {
            throw new IllegalStateException("tongban.s3.endpoint is set: tongban.s3.access-key and tongban.s3.secret-key are needed too");
        }
        return new S3Connection(properties.endpoint(), properties.accessKey(), properties.secretKey(), properties.region());
    }

    @Bean(destroyMethod = "close")
    ObjectStore objectStore(S3Connection connection, S3Properties properties) {
        S3Properties.Retry retry = properties.retry();
        return new MinioObjectStore(connection, new RetryPolicy(retry.attempts(), retry.firstDelay(), retry.maxDelay()));
    }

    @Bean
    Archive archive(ObjectStore store, DataSource dataSource, S3Properties s3, ArchiveProperties properties,
                    RenderCertificate templates, Clock clock) {
        Map<String, String> declared = templates.types().stream().collect(java.util.stream.Collectors.toMap(
                type -> type, type -> templates.type(type).orElseThrow().retentionClass()));
        return Archive.open(store, dataSource, new ArchiveSettings(s3.bucketCertificates(), s3.bucketArchive(),
                properties.requireObjectLock(), properties.retention().policy(declared), properties.orphanGrace(), properties.audit().progressInterval(),
                properties.audit().parallelism()), clock);
    }

    @Bean
    ECertificates certificates(Archive archive) {
        return archive.certificates();
    }

    @Bean
    ArchivePackages archivePackages(Archive archive) {
        return archive.packages();
    }

    /** True when the named property is not set. */
    abstract static class PropertyAbsent implements Condition {

        private final String name;

        PropertyAbsent(String name) {
            this.name = name;
        }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return absent(context.getEnvironment(), name);
        }

        static boolean absent(Environment environment, String name) {
            String value = environment.getProperty(name);
            return value == null || value.isBlank();
        }
    }

    static final class NoDatasourceUrl extends PropertyAbsent {
        static final String PROPERTY = "spring.datasource.url";

        NoDatasourceUrl() {
            super(PROPERTY);
        }
    }

    static final class NoS3Endpoint extends PropertyAbsent {
        static final String PROPERTY = "tongban.s3.endpoint";

        NoS3Endpoint() {
            super(PROPERTY);
        }
    }
}
