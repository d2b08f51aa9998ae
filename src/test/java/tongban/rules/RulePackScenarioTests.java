package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tongban.documents.CertificateFonts;

/** Every scenario in rules/*&#47;tests/*.yaml as a JUnit test named by its {@code name}, plus coverage. */
class RulePackScenarioTests {

    private static ScenarioReport report;

    @BeforeAll
    static void runScenarios() {
        report = new RulePacks(Path.of("rules"), Clock.systemUTC(), CertificateFonts.printableIn(Path.of("templates"))).test();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioHoldsOnTheShippedPacks() {
        return report.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.item() + " › " + s.name(), () -> {
            if (!s.passed()) {
                fail(s.file() + ": " + String.join("; ", s.failures()));
            }
        }));
    }

    @Test
    void everyRuleIsFiredByAtLeastOneScenario() {
        assertThat(report.rulesNeverFired()).isEmpty();
    }

    @Test
    void everyPackHasAtLeastThirtyScenarios() {
        assertThat(report.scenarios().stream().map(ScenarioResult::item).distinct()).hasSizeGreaterThanOrEqualTo(3);
        report.scenarios().stream().collect(java.util.stream.Collectors.groupingBy(ScenarioResult::item,
                java.util.stream.Collectors.counting())).forEach((item, count) ->
                assertThat(count).as("scenarios of " + item).isGreaterThanOrEqualTo(30));
    }
}
