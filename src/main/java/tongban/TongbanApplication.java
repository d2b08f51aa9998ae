package tongban;

import java.util.OptionalInt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import tongban.storage.EarlyStart;

/**
 * Tongban (通办). {@code java -jar tongban.jar} serves; {@code java -jar tongban.jar rules test} tests the packs;
 * {@code --help} prints the usage ({@link JarCommand}).
 */
// no generated default user: its password would be logged; accounts come from SecurityConfiguration. No authorization
// server of Boot's making either (it would sign with a key made at every start, also in prod): tongban.signin makes
// the embedded one, in the embedded default only
@SpringBootApplication(exclude = {UserDetailsServiceAutoConfiguration.class, OAuth2AuthorizationServerAutoConfiguration.class,
        OAuth2AuthorizationServerJwtAutoConfiguration.class})
public class TongbanApplication {

    public static void main(String[] args) {
        OptionalInt command = JarCommand.run(args, System.out, System.err);
        if (command.isPresent()) {
            System.exit(command.getAsInt());
        }
        SpringApplication application = new SpringApplication(TongbanApplication.class);
        application.addListeners(new EarlyStart());
        application.run(args);
    }
}
