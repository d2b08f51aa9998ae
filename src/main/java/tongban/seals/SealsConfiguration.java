package tongban.seals;

import jakarta.servlet.ServletRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tongban.platform.RateLimits;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.seal.Department;
import tongban.seal.JsonLinesSealAuditLog;
import tongban.seal.KeyLocation;
import tongban.seal.SealConfig;
import tongban.seal.SealService;
import tongban.seal.Secret;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealProperties.class)
class SealsConfiguration {

    /** The departments are those of the loaded items (one source of truth); their keys come from configuration. */
    @Bean(destroyMethod = "close")
    SealService sealService(RulePacks packs, SealProperties properties, Clock clock,
                            @Value("${tongban.data-dir:data}") Path dataDir,
                            @Value("${tongban.public-base-url:http://localhost:8080}") URI publicBaseUrl) {
        Map<String, Department> departments = new LinkedHashMap<>();
        for (ServiceItem item : packs.items()) {
            ServiceItem.Department d = item.department();
            departments.putIfAbsent(d.id(), new Department(d.id(), d.name().zh(), properties.purpose(),
                    keyOf(properties.keys().get(d.id()))));
        }
        SealConfig config = properties.keys().isEmpty()
                ? new SealConfig(dataDir.resolve("keys"), properties.font(), List.copyOf(departments.values()),
                        List.of(), null, URI.create(publicBaseUrl + "/crl"), properties.level())
                : new SealConfig(null, properties.font(), List.copyOf(departments.values()), properties.trustAnchors(),
                        properties.tsaUrl(), null, properties.level());
        return SealService.start(config, new JsonLinesSealAuditLog(dataDir.resolve("audit/seals.jsonl")), clock);
    }

    /** Health says whether seals are real or of the local test authority, and lists them. */
    @Bean
    HealthIndicator sealsHealthIndicator(SealService seals, SealProperties properties) {
        return () -> {
            Health.Builder health = seals.seals().isEmpty() ? Health.down() : Health.up();
            health.withDetail("authority", properties.keys().isEmpty() ? "local test authority (NOT FOR PRODUCTION)"
                    : "configured keys");
            seals.seals().forEach(s -> health.withDetail(s.departmentId(), s.sealId() + " " + s.keyKind()
                    + " valid until " + s.notAfter()));
            return health.build();
        };
    }

    /**
     * {@code POST /tsa} served publicly ({@code tongban.seals.public-tsa.enabled}): each client address gets
     * {@code capacity} timestamps at once, regained over {@code refill}, across every node, checked before the query
     * is read. Not public, the endpoint serves no one: the sealer asks its timestamp authority in the process.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> publicTimestampRateLimit(RateLimits limits,
            @Value("${tongban.seals.public-tsa.enabled:false}") boolean enabled,
            @Value("${tongban.seals.public-tsa.capacity:20}") int capacity,
            @Value("${tongban.seals.public-tsa.refill:1m}") Duration refill) {
        FilterRegistrationBean<OncePerRequestFilter> filter = limits.endpoint("POST", "/tsa",
                limits.limit("tsa", capacity, refill), ServletRequest::getRemoteAddr,
                "too many timestamp requests from your address", Ordered.HIGHEST_PRECEDENCE + 10);
        filter.setEnabled(enabled);
        return filter;
    }

    private static KeyLocation keyOf(SealProperties.KeyProperties key) {
        if (key == null) {
            return null;
        }
        if ("PKCS11".equalsIgnoreCase(key.kind())) {
            return new KeyLocation.Pkcs11Token(key.library(), key.slot() == null ? 0 : key.slot(),
                    Secret.readFrom(key.pinFile()), key.alias(), key.certificateChain());
        }
        return new KeyLocation.Pkcs12File(key.file(), Secret.readFrom(key.passwordFile()), key.alias());
    }
}
