package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken pack is refused with every error located as file:line:column, for the policy officer. */
class PackCompilerErrorTests {

    private static final String A = "individual-business-registration/";

    @TempDir
    Path temp;

    private List<String> errorsOf(PackFixture fixture) {
        PackCompiler.PackInvalid invalid = catchThrowableOfType(PackCompiler.PackInvalid.class,
                () -> new RulePacks(fixture.dir, Clock.systemUTC(), c -> true));
        assertThat(invalid).as("the pack should be refused").isNotNull();
        return invalid.errors().stream().map(PackError::toString).toList();
    }

    @Test
    void aSyntaxErrorIsReportedWithFileLineAndColumn() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "eligibility.drl",
                "    Applicant( publicServant )", "    Applicant( publicServant ");
        assertThat(errorsOf(fixture)).anySatisfy(e ->
                assertThat(e).matches(".*individual-business-registration/eligibility\\.drl:\\d+:\\d+: .+")
                        .doesNotContain(":1:1:").doesNotContain("[ERR"));
    }

    @Test
    void anUnknownFactFieldIsReportedAtItsLine() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "eligibility.drl",
                "Applicant( publicServant )", "Applicant( publicServent )");
        List<String> errors = errorsOf(fixture);
        int line = lineOf(fixture, A + "eligibility.drl", "publicServent");
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("eligibility.drl:" + line + ":"));
    }

    @Test
    void anUnknownFormFieldInAStringIsReportedAtItsColumn() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "materials.drl",
                "this.flag(\"agent\")", "this.flag(\"agnet\")");
        int line = lineOf(fixture, A + "materials.drl", "agnet");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e)
                .contains("materials.drl:" + line + ":").contains("unknown field 'agnet'"));
    }

    @Test
    void anUnknownCatalogueValueIsReported() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "scope.drl",
                "\"financial-services\"", "\"financial-service\"");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e)
                .contains("scope.drl:").contains("'financial-service' is not a value of businessScope"));
    }

    @Test
    void aRuleWithoutLegalBasisIsRefused() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "eligibility.drl",
                "    @basis(\"《中华人民共和国公务员法》第五十九条第十六项\")\n", "");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e)
                .contains("eligibility.drl:").contains("needs @basis"));
    }

    @Test
    void aMaterialNotDeclaredInItemYamlIsRefused() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "materials.drl",
                "@material(\"agent-id\")", "@material(\"agent-passport\")");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e)
                .contains("materials.drl:").contains("'agent-passport' is not declared in item.yaml"));
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "item.yaml",
                "timeLimitWorkingDays: 0", "timeLimitWorkingDays: [0");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("not valid YAML"));
    }

    @Test
    void aMaxLengthOnAFieldThatIsNoTextOrOutOfRangeIsRefused() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(A + "item.yaml", "maxLength: 30", "maxLength: 0")
                .replace(A + "item.yaml", "agent:           { type: flag,", "agent:           { type: flag, maxLength: 5,");
        assertThat(errorsOf(fixture))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("'businessName': maxLength must be a whole number from 1 to 1000"))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("'agent': maxLength is for text fields"));
    }

    @Test
    void errorsOfSeveralFilesAreAllListed() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(A + "visits.drl", "    @basis(\"《中华人民共和国市场主体登记管理条例》第十九条\")\n", "")
                .replace(A + "item.yaml", "satisfiedBy: [reuse, upload, commitment]", "satisfiedBy: [reuse, fax]");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e).contains("visits.drl:").contains("needs @basis"))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("satisfiedBy"));
    }

    private static int lineOf(PackFixture fixture, String file, String text) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(fixture.dir.resolve(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalArgumentException(text);
    }
}
