package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.platform.Json;

/**
 * Thresholds live in each pack's parameters.yaml with dated values: a decision reads the value in force on its asOf,
 * so a change from a date changes decisions from that date only; the DRL names a parameter and the build checks it.
 */
class DatedParameterTests {

    private static final String RESIDENCE = """
            { "asOf": "%s",
              "applicant": { "kind": "PERSON", "idNumber": "320102199408183167", "name": "刘洋", "hukouRegion": "320100",
                             "identityVerified": true },
              "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
              "records": { "residenceRegistrationMonths": 5, "socialInsuranceMonthsLast12": 9, "photoOnFile": true } }""";

    @TempDir
    Path rules;

    private static RulePacks compile(PackFixture packs) {
        return new RulePacks(packs.dir, Clock.systemUTC(), c -> true);
    }

    private static List<String> reasons(RulePacks packs, String asOf) {
        return packs.evaluate("residence-permit", Json.read(RESIDENCE.formatted(asOf))).reasons().stream()
                .map(Decision.DecisionReason::code).toList();
    }

    @Test
    void aLowerThresholdFromADateChangesDecisionsFromThatDateOnly() {
        PackFixture packs = PackFixture.copyOfShippedPacks(rules).replace("residence-permit/parameters.yaml",
                "      basis: 《居住证暂行条例》第二条\n", """
                      basis: 《居住证暂行条例》第二条
                    - from: 2027-03-01
                      value: 3
                      basis: 《居住证暂行条例》第二条
                """);
        RulePacks pack = compile(packs);

        assertThat(reasons(pack, "2027-02-28")).contains("RESIDENCE_UNDER_6_MONTHS");
        assertThat(reasons(pack, "2027-03-01")).doesNotContain("RESIDENCE_UNDER_6_MONTHS");
        assertThat(reasons(pack, "2027-12-31")).doesNotContain("RESIDENCE_UNDER_6_MONTHS");
    }

    @Test
    void theShippedValueAppliesOnEveryDateSinceItsOwn() {
        RulePacks pack = compile(PackFixture.copyOfShippedPacks(rules));

        assertThat(reasons(pack, "2016-01-01")).contains("RESIDENCE_UNDER_6_MONTHS");
        assertThat(reasons(pack, "2026-11-27")).contains("RESIDENCE_UNDER_6_MONTHS");
    }

    @Test
    void aRuleNamingAParameterThePackDoesNotDeclareIsAPackError() {
        PackFixture packs = PackFixture.copyOfShippedPacks(rules).replace("residence-permit/eligibility.drl",
                "$p.value(\"minimumResidenceMonths\")", "$p.value(\"minimumResidentMonths\")");

        assertThatThrownBy(() -> compile(packs)).isInstanceOf(PackCompiler.PackInvalid.class)
                .hasMessageContaining("eligibility.drl").hasMessageContaining("unknown parameter 'minimumResidentMonths'");
    }

    @Test
    void aValueWithoutItsLegalReferenceIsAPackError() {
        PackFixture packs = PackFixture.copyOfShippedPacks(rules).replace("residence-permit/parameters.yaml",
                "      basis: 《居住证暂行条例》第二条\n", "");

        assertThatThrownBy(() -> compile(packs)).isInstanceOf(PackCompiler.PackInvalid.class)
                .hasMessageContaining("parameters.yaml").hasMessageContaining("basis");
    }
}
