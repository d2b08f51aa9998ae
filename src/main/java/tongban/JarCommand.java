package tongban;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import tongban.documents.CertificateFonts;
import tongban.documents.InvalidTemplate;
import tongban.rules.RulesCommand;

/**
 * What {@code java -jar tongban.jar ...} should do: start the server (no arguments, or only Spring's
 * {@code --key=value} options), run a command of its own, or print the usage. A mistyped command fails with the
 * usage instead of starting a server and creating {@code ./data} where it runs.
 */
final class JarCommand {

    static final String USAGE = """
            usage: java -jar tongban.jar [--name=value ...]      start the server (port 8080, state in ./data)
                   java -jar tongban.jar rules test [dir]        run every rule-pack scenario (dir defaults to ./rules)
                   java -jar tongban.jar rules check [dir]       compile the rule packs only
                   java -jar tongban.jar rules publish <item> <effectiveFrom> [dir]
                                                                 have the service at TONGBAN_URL publish a pack
                   java -jar tongban.jar help | --help | -h      this text

            Server options are Spring Boot properties, e.g. --server.port=8081,
            --tongban.data-dir=/var/lib/tongban, --tongban.public-base-url=https://tongban.example.gov.cn
            (README.md lists them). Exit status of the commands: 0 good, 1 a scenario failed,
            2 a pack is invalid or the command is wrong.
            """;
    private static final Set<String> HELP = Set.of("help", "--help", "-h");

    private JarCommand() {
    }

    /** The exit status of a command, or empty when the arguments ask for the server. */
    static OptionalInt run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && HELP.contains(args[0])) {
            out.print(USAGE);
            return OptionalInt.of(0);
        }
        if (args.length > 0 && args[0].equals("rules")) {
            quietLibraries();
            // the same font as the service's documents: tongban.templates.dir, else templates/ beside the rules
            int dirAt = args.length > 1 && args[1].equals("publish") ? 4 : 2;
            Path rules = Path.of(args.length > dirAt ? args[dirAt] : "rules").toAbsolutePath().normalize();
            Path templates = Path.of(System.getProperty("tongban.templates.dir",
                    rules.resolveSibling("templates").toString()));
            try {
                return OptionalInt.of(RulesCommand.run(Arrays.copyOfRange(args, 1, args.length), out,
                        CertificateFonts.printableIn(templates)));
            } catch (InvalidTemplate e) {
                err.println(e.getMessage() + " (set -Dtongban.templates.dir to the templates folder)");
                return OptionalInt.of(2);
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("--") || HELP.contains(arg)) {
                err.println("unknown command or argument: " + arg);
                err.print(USAGE);
                return OptionalInt.of(2);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * A command's output is its own report: without the server's logging configuration the libraries would log at
     * DEBUG and INFO, and Drools would repeat as an ERROR each pack error the command already prints.
     */
    private static void quietLibraries() {
        LoggingSystem logging = LoggingSystem.get(JarCommand.class.getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        logging.setLogLevel("org.drools.compiler.kie.builder.impl.KieProject", LogLevel.OFF);
    }
}
