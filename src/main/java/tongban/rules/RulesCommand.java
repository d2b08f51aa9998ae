package tongban.rules;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The policy officer's command line, run without the web server:
 * {@code java -jar tongban.jar rules test [dir]} runs every scenario and prints a line per scenario,
 * the rules no scenario fired, and {@code N passed, N failed}; {@code rules check [dir]} only compiles.
 * Exit status: 0 all good, 1 a scenario failed, 2 a pack is invalid or the command is wrong. Text answers in
 * scenarios are checked against {@code printable}, the documents' font, as the service checks them.
 * {@code rules publish <item> <effectiveFrom> [dir]} has a running service publish one pack (exit 1: refused).
 */
public final class RulesCommand {

    private RulesCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintableCharacters printable) {
        return run(args, out, printable, System.getenv());
    }

    /** {@code env} gives the service and login {@code rules publish} uses (see {@link PublishCommand}). */
    public static int run(String[] args, PrintStream out, PrintableCharacters printable, java.util.Map<String, String> env) {
        if (args.length >= 3 && args.length <= 4 && args[0].equals("publish")) {
            return PublishCommand.run(args[1], args[2], Path.of(args.length == 4 ? args[3] : "rules"), out, env);
        }
        if (args.length < 1 || args.length > 2 || !(args[0].equals("test") || args[0].equals("check"))) {
            out.println("usage: rules test [dir] | rules check [dir] | rules publish <item> <effectiveFrom> [dir]"
                    + "   (dir defaults to ./rules)");
            return 2;
        }
        Path dir = Path.of(args.length == 2 ? args[1] : "rules");
        RulePacks packs;
        try {
            packs = new RulePacks(dir, Clock.systemDefaultZone(), printable);
        } catch (PackCompiler.PackInvalid e) {
            e.errors().forEach(out::println);
            out.println(e.errors().size() + " error(s): the packs were not loaded");
            return 2;
        } catch (java.io.UncheckedIOException e) {
            out.println(e.getCause().getMessage());
            return 2;
        }
        if (args[0].equals("check")) {
            packs.loaded().forEach(p -> out.println("OK   " + p.item() + " @ " + p.version()));
            return 0;
        }
        ScenarioReport report = packs.test();
        for (ScenarioResult r : report.scenarios()) {
            out.println((r.passed() ? "PASS " : "FAIL ") + r.item() + " › " + r.name());
            r.failures().forEach(f -> out.println("       " + r.file() + ": " + f));
        }
        if (!report.rulesNeverFired().isEmpty()) {
            out.println("Rules no scenario fired (" + report.rulesNeverFired().size() + "):");
            report.rulesNeverFired().forEach(r -> out.println("  " + r));
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        return report.failed() == 0 ? 0 : 1;
    }
}
