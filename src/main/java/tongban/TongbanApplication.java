package tongban;

import java.util.OptionalInt;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Tongban (通办). {@code java -jar tongban.jar} serves; {@code java -jar tongban.jar rules test} tests the packs;
 * {@code --help} prints the usage ({@link JarCommand}).
 */
// no generated default user: its password would be logged; accounts come from SecurityConfiguration
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class TongbanApplication {

    public static void main(String[] args) {
        OptionalInt command = JarCommand.run(args, System.out, System.err);
        if (command.isPresent()) {
            System.exit(command.getAsInt());
        }
        SpringApplication.run(TongbanApplication.class, args);
    }
}
