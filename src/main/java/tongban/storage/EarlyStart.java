package tongban.storage;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.storage.StorageConfiguration.NoDatasourceUrl;
import tongban.storage.StorageConfiguration.NoS3Endpoint;
import tongban.storage.StorageConfiguration.PropertyAbsent;

/**
 * Starts the embedded PostgreSQL and S3 servers (each on its own thread) as soon as the configuration is known, so
 * they come up while Spring reads the application's classes instead of one after the other inside the context: the
 * storage beans then take the running servers. It starts only what those beans would (the same properties decide),
 * and a server that failed to start fails its bean with the same error as a start in place. Servers no bean took
 * (the context failed or closed first) are stopped. Added by {@code TongbanApplication.main}; a context made
 * otherwise (tests) starts the servers inside the beans.
 */
public final class EarlyStart implements ApplicationListener<SpringApplicationEvent> {

    /** Held here too: a failed refresh drops the context's singletons before ApplicationFailedEvent. */
    private volatile StartingServers starting;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationContextInitializedEvent initialized) {
            ConfigurableApplicationContext context = initialized.getApplicationContext();
            Environment environment = context.getEnvironment();
            // as StorageConfiguration's beans read them
            Path dataDirectory = Path.of(environment.getProperty("tongban.data-dir", "./data"));
            StartingServers servers = new StartingServers(
                    PropertyAbsent.absent(environment, NoDatasourceUrl.PROPERTY) ? () -> EmbeddedPostgresServer.start(dataDirectory.resolve("pg")) : null,
                    PropertyAbsent.absent(environment, NoS3Endpoint.PROPERTY) ? () -> EmbeddedS3Server.start(dataDirectory.resolve("s3")) : null);
            starting = servers;
            context.getBeanFactory().registerSingleton(StartingServers.class.getName(), servers);
            context.addApplicationListener((ContextClosedEvent closed) -> servers.close());
        } else if (event instanceof ApplicationFailedEvent && starting != null) {
            starting.close();
        }
    }
}
