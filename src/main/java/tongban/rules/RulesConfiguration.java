package tongban.rules;

import java.nio.file.Path;
import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import tongban.archive.ObjectStore;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RulesConfiguration.class);

    /**
     * Reads the working copy's items (start-up fails, listing every error, when an item.yaml is invalid) and the
     * published versions; nothing is compiled before its first decision.
     */
    @Bean
    RulePacks rulePacks(@Value("${tongban.rules.dir:rules}") Path directory, Clock clock, MeterRegistry meters,
                        PrintableCharacters printable, ObjectProvider<JdbcClient> jdbc,
                        ObjectProvider<PlatformTransactionManager> transactions, ObjectStore store,
                        @Value("${tongban.rules.bucket:tongban-rule-packs}") String bucket,
                        @Value("${tongban.rules.cache-size:200}") int cacheSize) {
        return new RulePacks(directory, clock, meters, printable, new PackVersionStore(jdbc::getObject, transactions::getObject, store, bucket), cacheSize);
    }

    /** A version published on another node serves here within this interval. */
    @Bean
    PublishedVersionsRefresh publishedVersionsRefresh(RulePacks packs) {
        return new PublishedVersionsRefresh(packs);
    }

    /** Once the service is up, loads a few packs in the background (Drools' first use is the slow one). */
    @Bean
    ApplicationListener<ApplicationReadyEvent> rulePacksWarmUp(RulePacks packs,
                                                               @Value("${tongban.rules.warm-up:3}") int count) {
        return ready -> {
            Thread warmUp = new Thread(() -> packs.warmUp(count), "rule-pack-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        };
    }

    /** Health names every pack that serves today, with its version. */
    @Bean
    HealthIndicator rulePacksHealthIndicator(RulePacks packs) {
        return () -> {
            var loaded = packs.loaded();
            Health.Builder health = loaded.isEmpty() ? Health.down() : Health.up();
            loaded.forEach(p -> health.withDetail(p.item(), p.version()));
            return health.build();
        };
    }

    record PublishedVersionsRefresh(RulePacks packs) {

        @Scheduled(fixedDelayString = "${tongban.rules.refresh-interval:1s}")
        void refresh() {
            try {
                packs.refresh();
            } catch (RuntimeException e) {
                // the versions read last keep serving; the next run tries again
                log.warn("published rule-pack versions could not be read again: {}", e.getMessage());
            }
        }
    }
}
