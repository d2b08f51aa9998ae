package tongban;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import tongban.rules.RulesCommand;

/** Tongban (通办). {@code java -jar tongban.jar} serves; {@code java -jar tongban.jar rules test} tests the packs. */
// no generated default user: its password would be logged; accounts come from SecurityConfiguration
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class TongbanApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rules")) {
            System.exit(RulesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(TongbanApplication.class, args);
    }
}
