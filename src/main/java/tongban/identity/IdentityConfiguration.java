package tongban.identity;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** The policy sits beside the rule packs and is checked at start-up. */
    @Bean
    DataSharing dataSharing(JdbcClient jdbc, Clock clock, @Value("${tongban.rules.dir:rules}") Path rules) {
        return new DataSharing(jdbc, DataSharingPolicy.read(rules.resolve("data-sharing.yaml")), clock);
    }
}
