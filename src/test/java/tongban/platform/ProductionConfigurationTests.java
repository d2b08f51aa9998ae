package tongban.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tongban.TongbanApplication;
import tongban.archive.ObjectStore;
import tongban.archive.RetryPolicy;
import tongban.archive.embedded.EmbeddedPostgresServer;
import tongban.archive.embedded.EmbeddedS3Server;
import tongban.archive.s3.MinioObjectStore;
import tongban.seal.Department;
import tongban.seal.keys.LocalTestAuthority;
import tongban.support.ProductionKeys;

/**
 * The prod profile refuses to start on any setting that is safe only for the demo, and says which. Each case starts the
 * application with the prod profile and a production configuration in which that one setting is unsafe; the refusal
 * comes before anything embedded starts. With every setting safe, on a PostgreSQL and an S3Proxy the test started
 * itself, the start gets past every one of these checks and is stopped only by the store lacking S3 Object Lock (the
 * whole start on a store with Object Lock is {@code ProductionStartTests}, on Ceph).
 */
class ProductionConfigurationTests {

    /** A production configuration; its servers are never contacted, since every case is refused before. */
    private static Map<String, String> production() throws Exception {
        Path issuerKey = Files.createTempFile("issuer", ".pem");
        issuerKey.toFile().deleteOnExit();
        Files.writeString(issuerKey, BearerTokens.publicKeyPem(BearerTokens.rsa()));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", "jdbc:postgresql://db.example.gov.cn:5432/tongban");
        settings.put("tongban.s3.endpoint", "https://rgw.example.gov.cn");
        settings.put("tongban.s3.access-key", "tongban");
        settings.put("tongban.s3.secret-key", "not-a-real-secret");
        settings.put("tongban.seals.keys.shanghai-amr.kind", "PKCS12");
        settings.put("tongban.seals.keys.shanghai-amr.file", "/etc/tongban/amr.p12");
        settings.put("tongban.seals.tsa-url", "https://tsa.example.gov.cn/tsr");
        settings.put("tongban.seals.trust-anchors[0]", "/etc/tongban/roots/gov-root.pem");
        settings.put("tongban.public-base-url", "https://tongban.example.gov.cn");
        settings.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + issuerKey);
        settings.put("tongban.security.jwt.issuer", "https://id.example.gov.cn");
        settings.put("tongban.security.jwt.audience", "tongban");
        settings.put("tongban.signin.client-id", "tongban-portal");
        settings.put("tongban.signin.client-secret", "not-a-real-secret");
        settings.put("tongban.signin.authorization-uri", "https://id.example.gov.cn/authorize");
        settings.put("tongban.signin.token-uri", "https://id.example.gov.cn/token");
        settings.put("tongban.signin.jwk-set-uri", "https://id.example.gov.cn/jwks");
        settings.put("tongban.signin.end-session-uri", "https://id.example.gov.cn/logout");
        settings.put("tongban.archive.audit.cron", "-");
        settings.put("tongban.delivery.carriers.ems.url", "https://ems.example.cn/order");
        settings.put("tongban.delivery.carriers.ems.partner-id", "TONGBAN");
        settings.put("tongban.delivery.carriers.ems.api-secret", "not-a-real-secret");
        settings.put("tongban.delivery.carriers.ems.webhook-secret", "not-a-real-secret");
        return settings;
    }

    /** The setting made unsafe (every property under it is removed), its unsafe value or null, what the refusal says. */
    static Stream<Arguments> unsafe() {
        return Stream.of(
                Arguments.of("spring.datasource.url", null, "spring.datasource.url is not set, so the embedded PostgreSQL"),
                Arguments.of("tongban.s3.endpoint", null, "tongban.s3.endpoint is not set, so the embedded S3 server"),
                Arguments.of("tongban.archive.require-object-lock", "false", "tongban.archive.require-object-lock is false"),
                Arguments.of("tongban.seals.keys", null, "tongban.seals.keys is empty, so the LOCAL TEST seal authority"),
                Arguments.of("tongban.seals.tsa-url", null, "tongban.seals.tsa-url is not set, so the LOCAL TEST timestamp authority"),
                Arguments.of("tongban.seals.trust-anchors", null, "tongban.seals.trust-anchors is empty"),
                Arguments.of("tongban.public-base-url", null, "tongban.public-base-url is not set"),
                Arguments.of("tongban.public-base-url", "http://localhost:8080", "tongban.public-base-url is http://localhost:8080"),
                Arguments.of("tongban.public-base-url", "https://127.0.0.1:8443", "tongban.public-base-url is https://127.0.0.1:8443"),
                Arguments.of("tongban.security.mode", "demo", "tongban.security.mode is demo: production accepts only "
                        + "the city's identity provider (jwt), never demo accounts, HTTP Basic or the embedded identity provider"),
                Arguments.of("tongban.signin.client-id", null, "tongban.signin.client-id is not set"),
                Arguments.of("tongban.signin.client-secret", null, "tongban.signin.client-secret is not set"),
                Arguments.of("tongban.signin.authorization-uri", null, "tongban.signin.authorization-uri is not set"),
                Arguments.of("tongban.signin.token-uri", null, "tongban.signin.token-uri is not set"),
                Arguments.of("tongban.signin.jwk-set-uri", null, "tongban.signin.jwk-set-uri is not set"),
                Arguments.of("spring.security.oauth2.resourceserver.jwt.public-key-location", null,
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or public-key-location must be set"),
                Arguments.of("tongban.security.jwt.issuer", null, "tongban.security.jwt.issuer is not set"),
                Arguments.of("tongban.security.jwt.audience", null, "tongban.security.jwt.audience is not set"),
                Arguments.of("tongban.delivery.carriers.ems.url", null, "tongban.delivery.carriers.ems.url is not set"),
                Arguments.of("tongban.delivery.carriers.ems.webhook-secret", null,
                        "tongban.delivery.carriers.ems.webhook-secret is not set"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("unsafe")
    void prodRefusesEachUnsafeSettingByName(String setting, String value, String refusal) throws Exception {
        Map<String, String> settings = production();
        settings.keySet().removeIf(name -> name.equals(setting) || name.startsWith(setting + ".")
                || name.startsWith(setting + "["));
        if (value != null) {
            settings.put(setting, value);
        }

        assertThat(refusal(settings)).startsWith("the prod profile refuses to start on unsafe configuration: " + refusal)
                .doesNotContain("; ");
    }

    @Test
    void theAttackersProdStartIsRefusedForEverythingAtOnce() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "file:/etc/tongban/issuer.pem");
        settings.put("tongban.archive.require-object-lock", "false");

        assertThat(refusal(settings)).contains("spring.datasource.url", "tongban.s3.endpoint",
                "tongban.archive.require-object-lock", "tongban.seals.keys", "tongban.seals.tsa-url",
                "tongban.public-base-url", "tongban.security.jwt.issuer", "tongban.security.jwt.audience",
                "tongban.signin.client-id", "tongban.signin.client-secret", "tongban.signin.token-uri");
    }

    @Test
    void safeSettingsPassEveryCheckAndOnlyTheStoreWithoutObjectLockStopsTheStart(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"));
             EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"));
             ObjectStore store = new MinioObjectStore(s3.connection(), RetryPolicy.ONCE)) {
            // made beforehand, as an operator may: S3Proxy cannot make a bucket with Object Lock
            store.ensureBucket("tongban-certificates");
            store.ensureBucket("tongban-archive");
            Map<String, String> settings = production();
            settings.putAll(external(postgres, s3, dir));
            List<String> arguments = arguments(settings);
            arguments.removeIf(a -> a.startsWith("--tongban.seals."));
            arguments.addAll(ProductionKeys.create(dir.resolve("keys"), List.copyOf(ProductionKeys.packDepartments().keySet()))
                    .properties("https://tsa.example.gov.cn/tsr"));

            String refusal = refusal(arguments);

            assertThat(refusal).contains("requires S3 Object Lock").doesNotContain("the prod profile refuses");
        }
    }

    @Test
    void sealKeysOfTheLocalTestAuthorityAreRefusedEvenWhenConfiguredAsKeys(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        LocalTestAuthority local = LocalTestAuthority.openOrCreate(dir.resolve("local"),
                ProductionKeys.packDepartments().entrySet().stream()
                        .map(d -> new Department(d.getKey(), d.getValue(), "电子证照专用章", null)).toList(),
                null, java.time.Clock.systemUTC());
        Path anchors = Files.writeString(dir.resolve("anchors.pem"), tongban.seal.keys.Pem.write(List.of(local.root())));
        Map<String, String> settings = production();
        settings.remove("tongban.seals.keys.shanghai-amr.kind");
        settings.remove("tongban.seals.keys.shanghai-amr.file");
        settings.put("tongban.seals.trust-anchors[0]", anchors.toString());
        for (String department : ProductionKeys.packDepartments().keySet()) {
            var key = local.sealKey(department);
            settings.put("tongban.seals.keys." + department + ".kind", "PKCS12");
            settings.put("tongban.seals.keys." + department + ".file", key.file().toString());
            settings.put("tongban.seals.keys." + department + ".password-file", dir.resolve("local/secret").toString());
            settings.put("tongban.seals.keys." + department + ".alias", key.alias());
        }

        assertThat(refusal(settings)).contains("tongban.seals.keys.shanghai-amr is a LOCAL TEST seal")
                .contains("tongban.seals.trust-anchors holds a LOCAL TEST root");
    }

    static Map<String, String> external(EmbeddedPostgresServer postgres, EmbeddedS3Server s3, Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", postgres.jdbcUrl());
        settings.put("spring.datasource.username", postgres.user());
        settings.put("tongban.s3.endpoint", s3.connection().endpoint().toString());
        settings.put("tongban.s3.access-key", s3.connection().accessKey());
        settings.put("tongban.s3.secret-key", s3.connection().secretKey());
        settings.put("tongban.data-dir", dir.resolve("data").toString());
        settings.put("server.port", "0");
        return settings;
    }

    private static String refusal(Map<String, String> settings) {
        return refusal(arguments(settings));
    }

    private static List<String> arguments(Map<String, String> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((k, v) -> arguments.add("--" + k + "=" + v));
        return arguments;
    }

    /** Starts the prod profile with these command-line settings and returns the message that stopped it. */
    private static String refusal(List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.add("--spring.profiles.active=prod");
        all.add("--tongban.archive.audit.cron=-");
        if (all.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            all.add("--server.port=0");
        }
        StringBuilder messages = new StringBuilder();
        assertThatThrownBy(() -> new SpringApplicationBuilder(TongbanApplication.class).run(all.toArray(String[]::new)))
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                });
        return messages.toString();
    }
}
