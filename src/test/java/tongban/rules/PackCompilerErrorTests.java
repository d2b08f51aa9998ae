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
    private static final String B = "food-business-licence/";
    private static final String C = "residence-permit/";

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
                "code: individual-business-registration", "code: [individual-business-registration");
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
    void aCertificateFieldWithoutTheTypeItNamesOrAnOfOnAnotherFieldIsRefused() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(B + "item.yaml", "type: certificate, of: business-licence,", "type: certificate,")
                .replace(B + "item.yaml", "foodSafetyManager:  { type: flag,", "foodSafetyManager:  { type: flag, of: business-licence,");
        assertThat(errorsOf(fixture))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("'businessLicence' of type certificate needs 'of'"))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("'foodSafetyManager' of type flag takes no 'of'"));
    }

    @Test
    void errorsOfSeveralFilesAreAllListed() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(A + "visits.drl", "    @basis(\"《中华人民共和国市场主体登记管理条例》第十九条\")\n", "")
                .replace(A + "item.yaml", "satisfiedBy: [reuse, upload, commitment]", "satisfiedBy: [reuse, fax]");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e).contains("visits.drl:").contains("needs @basis"))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").contains("satisfiedBy"));
    }

    @Test
    void anUnquotedCommaInAFlowMapIsAnUnknownKeyAtItsLine() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(B + "item.yaml",
                "en: \"Main equipment, premises layout and operating procedures\"",
                "en: Main equipment, premises layout and operating procedures");
        int line = lineOf(fixture, B + "item.yaml", "Main equipment");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e)
                .contains("food-business-licence/item.yaml:" + line + ":")
                .contains("unknown key 'premises layout and operating procedures'").contains("quote"));
    }

    @Test
    void anUnknownKeyInItemYamlIsReportedAtItsLineAndColumn() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "item.yaml",
                "fee: { amount: 0, currency: CNY }", "fee: { amount: 0, currency: CNY, free: true }");
        int line = lineOf(fixture, A + "item.yaml", "free: true");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e).endsWith(A + "item.yaml:" + line
                + ":34: fee: unknown key 'free'; known: amount, currency"));
    }

    @Test
    void aMisspeltTopLevelKeyIsUnknownAndTheRealOneMissing() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "item.yaml", "\ntimeLimit:", "\ntimelimit:");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e).contains("unknown key 'timelimit'"))
                .anySatisfy(e -> assertThat(e).contains("item.yaml:").endsWith(": the file needs 'timeLimit'"));
    }

    @Test
    void aValueOfTheWrongKindIsRefused() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(A + "item.yaml", "premisesAddress: { type: text, required: true",
                        "premisesAddress: { type: text, required: yes-please")
                .replace(C + "item.yaml", "legalMaximum: { days: 15, kind: CALENDAR }", "legalMaximum: { days: 15, kind: LUNAR }");
        assertThat(errorsOf(fixture))
                .anySatisfy(e -> assertThat(e).contains("form.premisesAddress.required must be true or false"))
                .anySatisfy(e -> assertThat(e).contains("timeLimit.legalMaximum.kind is one of CALENDAR, WORKING, not 'LUNAR'"));
    }

    @Test
    void aRuleWithoutSourceIsRefusedAtItsLine() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(C + "fees.drl",
                "    @source(\"国务院令第663号（2015-11-26公布，2016-01-01施行）；第二十一条第一款（首次申领免收证件工本费，"
                        + "换领、补领应当缴纳证件工本费）读于全文库 github.com/LawRefBook/Laws（2025-04-19快照）；"
                        + "20元的标准由国务院财政、价格主管部门制定（第二款），该收费文件本次未读到\")\n", "");
        int line = lineOf(fixture, C + "fees.drl", "rule \"A replacement card costs 20 yuan\"");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e)
                .contains("residence-permit/fees.drl:" + line + ":").contains("needs @source"));
    }

    @Test
    void aBasisWithoutArticleAndAnUnknownVerifiedAreRefused() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(A + "eligibility.drl", "@basis(\"《中华人民共和国公务员法》第五十九条第十六项\")",
                        "@basis(\"《中华人民共和国公务员法》\")")
                .replace(C + "fees.drl", "@verified(\"no\")", "@verified(\"maybe\")");
        assertThat(errorsOf(fixture))
                .anySatisfy(e -> assertThat(e).contains("eligibility.drl:").contains("@basis names").contains("《中华人民共和国公务员法》'"))
                .anySatisfy(e -> assertThat(e).contains("fees.drl:").contains("@verified is \"yes\" or \"no\", not 'maybe'"));
    }

    @Test
    void aScenarioWithAnUnknownExpectKeyOrADuplicateKeyStopsThePack() {
        var fixture = PackFixture.copyOfShippedPacks(temp)
                .replace(A + "tests/eligibility.yaml", "    outcome: INELIGIBLE\n    reasons: [MINOR_WITHOUT_OWN_INCOME]",
                        "    outcom: INELIGIBLE\n    reasons: [MINOR_WITHOUT_OWN_INCOME]")
                .replace(C + "tests/fees.yaml", "    timeLimitWorkingDays: null", "    timeLimitWorkingDays: null\n    fee: 0\n    fee: 0");
        int line = lineOf(fixture, A + "tests/eligibility.yaml", "outcom:");
        assertThat(errorsOf(fixture))
                .anySatisfy(e -> assertThat(e).contains(A + "tests/eligibility.yaml:" + line + ":5: ")
                        .contains("unknown key 'outcom'"))
                .anySatisfy(e -> assertThat(e).contains("residence-permit/tests/fees.yaml:").contains("key 'fee' is given twice"));
    }

    @Test
    void aCatalogueNameWithACommaIsRefusedAtItsLine() {
        var fixture = PackFixture.copyOfShippedPacks(temp).replace(A + "scopes.csv",
                "catering,餐饮服务,Catering services", "catering,餐饮服务,Catering, cafés and bars");
        assertThat(errorsOf(fixture)).anySatisfy(e -> assertThat(e).endsWith(A + "scopes.csv:3:1: a catalogue line is "
                + "code,zh,en: three non-empty cells, and a name may not hold a comma (4 cells here)"));
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
