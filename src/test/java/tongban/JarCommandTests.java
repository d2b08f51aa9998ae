package tongban;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java -jar tongban.jar --help} prints the usage and returns; a mistyped command fails with it. Neither
 * starts a server or creates {@code ./data}: the real main class runs in a fresh directory to show it.
 */
class JarCommandTests {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpPrintsTheUsageAndReturnsWithoutAServer(String help) throws Exception {
        Run run = main(help);
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("rules test", "rules check", "start the server", "--server.port=");
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "rule", "-x", "--server.port=0 stray"})
    void anUnknownCommandFailsWithTheUsage(String args) throws Exception {
        Run run = main(args.split(" "));
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("unknown command or argument", "usage:", "rules test");
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @Test
    void rulesCommandsStillRunFromTheJar() throws Exception {
        Run run = main("rules", "check", Path.of("rules").toAbsolutePath().toString());
        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).contains("OK   residence-permit");
        assertThat(run.out + run.err).as("library log lines in the command's report").doesNotContain(" INFO ", " DEBUG ");
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @Test
    void noArgumentsOrOnlySpringOptionsMeanTheServer() {
        assertThat(JarCommand.run(new String[0], silent(), silent())).isEmpty();
        assertThat(JarCommand.run(new String[] {"--server.port=8081", "--debug"}, silent(), silent())).isEmpty();
        assertThat(JarCommand.run(new String[] {"--server.port=8081", "--help"}, silent(), silent()))
                .isEqualTo(OptionalInt.of(2));
    }

    private record Run(int exit, String out, String err) {
    }

    /** The real main class in its own JVM, working in an empty directory; a server would never return. */
    private Run main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TongbanApplication.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile()).redirectError(workDir.resolve("err.txt").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after 60 s (a server?): " + Files.readString(workDir.resolve("out.txt")));
        }
        return new Run(process.exitValue(), Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static PrintStream silent() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
