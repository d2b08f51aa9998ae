package tongban.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tongban.platform.ProductionSafety;
import tongban.platform.PublicBaseUrl;

/**
 * The carrier accounts ({@code tongban.delivery.carriers.<ems|sf>.*}) and the carrier new shipments go with
 * ({@code tongban.delivery.carrier}). A carrier without a {@code url} is the embedded sandbox carrier on this server,
 * whose secrets are made at the first start under {@code <data-dir>/keys/delivery} (owner-only files); the prod profile
 * refuses both (see {@link ProductionSafety}).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /** Where the sandbox carrier takes each carrier's orders, on this server. */
    static final Map<String, String> SANDBOX_PATHS = Map.of(SfExpress.ID, "/sandbox/carriers/sf/std/service",
            Ems.ID, "/sandbox/carriers/ems/order");
    private static final Map<String, Function<CarrierAccount, Carrier>> ADAPTERS = Map.of(SfExpress.ID, SfExpress::new,
            Ems.ID, Ems::new);

    @Bean
    Carriers carriers(Environment env, PublicBaseUrl base, @Value("${tongban.data-dir:data}") Path dataDir,
                      @Value("${tongban.delivery.carrier:ems}") String chosen,
                      @Value("${tongban.delivery.sender.name:上海市一网通办寄递中心}") String senderName,
                      @Value("${tongban.delivery.sender.phone:021-12345}") String senderPhone,
                      @Value("${tongban.delivery.sender.address:上海市黄浦区人民大道200号}") String senderAddress) {
        if (!ADAPTERS.containsKey(chosen)) {
            throw new IllegalStateException("tongban.delivery.carrier is '" + chosen + "': it must be one of "
                    + ADAPTERS.keySet());
        }
        Map<String, Carrier> carriers = new LinkedHashMap<>();
        Map<String, CarrierAccount> accounts = new LinkedHashMap<>();
        for (String id : ADAPTERS.keySet()) {
            String prefix = "tongban.delivery.carriers." + id + ".";
            String url = env.getProperty(prefix + "url", "").strip();
            boolean sandbox = url.isEmpty();
            if (sandbox && ProductionSafety.required(env)) {
                // no sandbox in prod: a carrier without an account is not one of ours
                continue;
            }
            Path keys = dataDir.resolve("keys").resolve("delivery");
            CarrierAccount account = new CarrierAccount(id,
                    sandbox ? () -> base.get().resolve(SANDBOX_PATHS.get(id)) : () -> URI.create(url), sandbox,
                    env.getProperty(prefix + "partner-id", sandbox ? "TONGBAN-SANDBOX" : ""),
                    secret(env, prefix + "api-secret", keys.resolve(id + "-api-secret")),
                    secret(env, prefix + "webhook-secret", keys.resolve(id + "-webhook-secret")));
            accounts.put(id, account);
            carriers.put(id, ADAPTERS.get(id).apply(account));
        }
        return new Carriers(Map.copyOf(carriers), Map.copyOf(accounts), chosen,
                new Carrier.Sender(senderName, senderPhone, senderAddress));
    }

    /** The configured secret; in the embedded default, one made at the first start and kept in {@code file}. */
    private static String secret(Environment env, String property, Path file) {
        String configured = env.getProperty(property, "").strip();
        if (!configured.isEmpty()) {
            return configured;
        }
        if (ProductionSafety.required(env)) {
            throw new IllegalStateException(property + " is not set: the prod profile takes the carrier's secrets "
                    + "from the configuration");
        }
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        StandardCharsets.US_ASCII);
                try {
                    Files.move(temp, file);
                } catch (FileAlreadyExistsException raced) {
                    // another node on the same data directory made it first: its secret is the one
                    Files.delete(temp);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox carrier's secret " + file, e);
        }
    }
}
