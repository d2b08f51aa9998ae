package tongban.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile refuses to start on configuration that is safe only for a demo, naming each setting at
 * fault: the embedded PostgreSQL or S3 server, the LOCAL TEST seal and timestamp authorities, a missing or local
 * {@code tongban.public-base-url} (it goes into every QR code), an archive without S3 Object Lock, demo logins (and
 * with them HTTP Basic and the embedded identity provider), a token validator without an issuer and audience to check,
 * a portal sign-in without the city's identity provider's client settings, and a carrier for paper documents without
 * its order API and secrets (the sandbox carrier would ship). It runs before any bean is made, so nothing embedded starts
 * first; a seal whose certificate is of the local test authority is refused once the seals are loaded
 * ({@link #refusal}).
 */
public final class ProductionSafety implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";
    private static final String SIGNIN = "tongban.signin.";

    private Environment environment;

    /** True when the {@code prod} profile is active: then nothing of the embedded default may run. */
    public static boolean required(Environment environment) {
        return environment.acceptsProfiles(Profiles.of("prod"));
    }

    /** The exception that stops the start, listing every setting at fault. */
    public static IllegalStateException refusal(List<String> violations) {
        return new IllegalStateException("the prod profile refuses to start on unsafe configuration: "
                + String.join("; ", violations));
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!required(environment)) {
            return;
        }
        List<String> violations = violations(environment);
        if (!violations.isEmpty()) {
            throw refusal(violations);
        }
    }

    static List<String> violations(Environment env) {
        Binder binder = Binder.get(env);
        List<String> found = new ArrayList<>();
        if (blank(env, "spring.datasource.url")) {
            found.add("spring.datasource.url is not set, so the embedded PostgreSQL would start: name the production database");
        }
        if (blank(env, "tongban.s3.endpoint")) {
            found.add("tongban.s3.endpoint is not set, so the embedded S3 server (S3Proxy) would start: name the production store");
        }
        if (!env.getProperty("tongban.archive.require-object-lock", Boolean.class, false)) {
            found.add("tongban.archive.require-object-lock is false: the archive must run on buckets with S3 Object Lock");
        }
        if (binder.bind("tongban.seals.keys", Bindable.mapOf(String.class, Object.class)).map(Map::isEmpty).orElse(true)) {
            found.add("tongban.seals.keys is empty, so the LOCAL TEST seal authority would seal: give every department its key");
        }
        if (blank(env, "tongban.seals.tsa-url")) {
            found.add("tongban.seals.tsa-url is not set, so the LOCAL TEST timestamp authority would stamp: name the RFC 3161 TSA");
        }
        if (binder.bind("tongban.seals.trust-anchors", Bindable.listOf(String.class)).map(List::isEmpty).orElse(true)) {
            found.add("tongban.seals.trust-anchors is empty: name the roots the seals and the TSA chain to");
        }
        String publicUrl = env.getProperty("tongban.public-base-url", "");
        if (publicUrl.isBlank()) {
            found.add("tongban.public-base-url is not set: QR codes and verify links would point at http://localhost:8080");
        } else if (!publicHttps(publicUrl)) {
            found.add("tongban.public-base-url is " + publicUrl + ": it must be the service's public https:// address");
        }
        String mode = env.getProperty("tongban.security.mode", "demo");
        if (!mode.equals("jwt")) {
            found.add("tongban.security.mode is " + mode + ": production accepts only the city's identity provider (jwt), "
                    + "never demo accounts, HTTP Basic or the embedded identity provider");
        }
        if (blank(env, JWT + "issuer-uri") && blank(env, JWT + "jwk-set-uri") && blank(env, JWT + "public-key-location")) {
            found.add(JWT + "issuer-uri, jwk-set-uri or public-key-location must be set: no token could be checked");
        }
        if (blank(env, "tongban.security.jwt.issuer")) {
            found.add("tongban.security.jwt.issuer is not set: tokens of any issuer would be accepted");
        }
        if (blank(env, "tongban.security.jwt.audience")) {
            found.add("tongban.security.jwt.audience is not set: tokens meant for any other application would be accepted");
        }
        found.addAll(signInMissing(env));
        String carrier = "tongban.delivery.carriers." + env.getProperty("tongban.delivery.carrier", "ems") + ".";
        for (String setting : List.of("url", "partner-id", "api-secret", "webhook-secret")) {
            if (blank(env, carrier + setting)) {
                found.add(carrier + setting + " is not set: parcels would go to the sandbox carrier, or its "
                        + "notifications could not be checked");
            }
        }
        return found;
    }

    /**
     * What the portal's sign-in with the city's identity provider (OIDC, configured endpoints, never discovered at
     * start) lacks: the client's id and secret and the provider's endpoints; the issuer is
     * {@code tongban.security.jwt.issuer}, checked above.
     */
    public static List<String> signInMissing(Environment env) {
        List<String> found = new ArrayList<>();
        for (String setting : List.of("client-id", "client-secret", "authorization-uri", "token-uri", "jwk-set-uri")) {
            if (blank(env, SIGNIN + setting)) {
                found.add(SIGNIN + setting + " is not set: the portal could not sign anyone in with the city's identity provider");
            }
        }
        return found;
    }

    private static boolean blank(Environment env, String name) {
        String value = env.getProperty(name);
        return value == null || value.isBlank();
    }

    /** An absolute https URL whose host is not this machine. */
    private static boolean publicHttps(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return false;
            }
            String host = uri.getHost();
            if (host.equalsIgnoreCase("localhost") || host.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
                return false;
            }
            // a literal address is judged as such; a name is not resolved (the check must not depend on DNS)
            if (host.matches("[0-9.]+|\\[.*]")) {
                InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
                return !address.isLoopbackAddress() && !address.isAnyLocalAddress();
            }
            return true;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }
}
