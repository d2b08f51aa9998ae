package tongban.rules;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    /** Fails the start-up, listing every error as file:line:column, when a pack is invalid. */
    @Bean
    RulePacks rulePacks(@Value("${tongban.rules.dir:rules}") Path directory, Clock clock) {
        return new RulePacks(directory, clock);
    }
}
