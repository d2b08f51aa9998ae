package tongban;

import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import tongban.documents.CertificateFonts;
import tongban.rules.RulesCommand;

/** Tongban (通办). {@code java -jar tongban.jar} serves; {@code java -jar tongban.jar rules test} tests the packs. */
// no generated default user: its password would be logged; accounts come from SecurityConfiguration
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class TongbanApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rules")) {
            // the same font as the service's documents: tongban.templates.dir, default ./templates
            Path templates = Path.of(System.getProperty("tongban.templates.dir", "templates"));
            System.exit(RulesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out,
                    CertificateFonts.printableIn(templates)));
        }
        SpringApplication.run(TongbanApplication.class, args);
    }
}
