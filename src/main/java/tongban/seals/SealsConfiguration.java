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
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import tongban.platform.ProductionSafety;
import tongban.platform.PublicBaseUrl;
import tongban.platform.RateLimits;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.seal.Department;
import tongban.seal.JsonLinesSealAuditLog;
import tongban.seal.KeyLocation;
import tongban.seal.SealConfig;
import tongban.seal.SealService;
import tongban.seal.Secret;
import tongban.seal.keys.LocalTestAuthority;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealProperties.class)
class SealsConfiguration {

    /** The departments are those of the loaded items (one source of truth); their keys come from configuration. */
    @Bean(destroyMethod = "close")
    SealService sealService(RulePacks packs, SealProperties properties, Clock clock,
                            @Value("${tongban.data-dir:data}") Path dataDir,
                            PublicBaseUrl publicBaseUrl, Environment environment) {
        Map<String, Department> departments = new LinkedHashMap<>();
        for (ServiceItem item : packs.items()) {
            ServiceItem.Department d = item.department();
            departments.putIfAbsent(d.id(), new Department(d.id(), d.name().zh(), properties.purpose(),
                    keyOf(properties.keys().get(d.id()))));
        }
        SealConfig config = properties.keys().isEmpty()
                ? new SealConfig(dataDir.resolve("keys"), properties.font(), List.copyOf(departments.values()),
                        List.of(), null, crlBaseUrl(publicBaseUrl), properties.level())
                : new SealConfig(null, properties.font(), List.copyOf(departments.values()), properties.trustAnchors(),
                        properties.tsaUrl(), null, properties.level());
        SealService service = SealService.start(config, new JsonLinesSealAuditLog(dataDir.resolve("audit/seals.jsonl")), clock);
        if (ProductionSafety.required(environment)) {
            List<String> local = localTestCertificates(service);
            if (!local.isEmpty()) {
                service.close();
                throw ProductionSafety.refusal(local);
            }
        }
        return service;
    }

    /** Configured keys or anchors that are the local test authority's after all (a copied data/keys file). */
    private static List<String> localTestCertificates(SealService service) {
        List<String> found = new java.util.ArrayList<>();
        service.seals().stream().filter(s -> s.certificateSubject().contains(LocalTestAuthority.ORGANISATION))
                .forEach(s -> found.add("tongban.seals.keys." + s.departmentId() + " is a LOCAL TEST seal (" + s.certificateSubject() + ")"));
        service.trustAnchors().stream()
                .filter(a -> a.getSubjectX500Principal().getName().contains(LocalTestAuthority.ORGANISATION))
                .forEach(a -> found.add("tongban.seals.trust-anchors holds a LOCAL TEST root (" + a.getSubjectX500Principal().getName() + ")"));
        return found;
    }

    /**
     * Written into the local test authority's certificates when data/keys is created, so known before the server
     * starts; with a random port (0) there is no lasting address and the certificates name none.
     */
    private static URI crlBaseUrl(PublicBaseUrl publicBaseUrl) {
        return publicBaseUrl.beforeStart().map(base -> URI.create(base + "/crl")).orElse(null);
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
