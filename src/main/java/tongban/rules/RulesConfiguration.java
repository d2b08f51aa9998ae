package tongban.rules;

import java.nio.file.Path;
import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    /** Fails the start-up, listing every error as file:line:column, when a pack is invalid. */
    @Bean
    RulePacks rulePacks(@Value("${tongban.rules.dir:rules}") Path directory, Clock clock, MeterRegistry meters,
                        PrintableCharacters printable) {
        return new RulePacks(directory, clock, meters, printable);
    }

    /** Health names every pack that serves, with its version. */
    @Bean
    HealthIndicator rulePacksHealthIndicator(RulePacks packs) {
        return () -> {
            var loaded = packs.loaded();
            Health.Builder health = loaded.isEmpty() ? Health.down() : Health.up();
            loaded.forEach(p -> health.withDetail(p.item(), p.version()));
            return health.build();
        };
    }
}
