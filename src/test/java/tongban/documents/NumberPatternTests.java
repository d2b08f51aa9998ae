package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tongban.identity.CreditCode;

/** Certificate numbers, made and checked by the patterns of the templates, carry check characters that catch a typo. */
class NumberPatternTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static CertificateType type(String name) {
        return Samples.renderer().type(name).orElseThrow();
    }

    private static String problem(String type, String number) {
        return TemplateSpec.read(Samples.TEMPLATES.resolve(type)).number().problem(number);
    }

    @Test
    void theOrganisationCodeCheckAgreesWithTheExampleOfGb32100() {
        // GB 32100-2015's example code 91350100M000100Y43 holds the organisation code M000100Y-4
        assertThat(NumberPattern.organisationCheck("M000100Y")).isEqualTo('4');
        assertThat(CreditCode.parse("91350100M000100Y43").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void anIndividualBusinessGetsA92CodeOfItsDistrictWithValidCheckCharacters() {
        for (long sequence : new long[] {0, 1, 30, 31, 123_456_789, 887_503_680}) {
            String code = type("business-licence").number("310101", TODAY, sequence, Map.of());

            assertThat(code).hasSize(18).startsWith("92310101MA");
            assertThat(code.charAt(16)).isEqualTo(NumberPattern.organisationCheck(code.substring(8, 16)));
            assertThat(CreditCode.parse(code).value()).isEqualTo(code);
            assertThat(problem("business-licence", code)).isNull();
        }
    }

    @Test
    void differentSequencesGiveDifferentCreditCodes() {
        assertThat(type("business-licence").number("310101", TODAY, 41, Map.of()))
                .isNotEqualTo(type("business-licence").number("310101", TODAY, 42, Map.of()));
    }

    @Test
    void aFoodBusinessLicenceNumberIsJyThenFourteenDigitsOpeningWithTheBusinessFormat() {
        String number = type("food-business-licence").number("310115", TODAY, 1127, Map.of("businessFormat", "catering"));

        assertThat(number).isEqualTo("JY23101150011270");
        assertThat(problem("food-business-licence", number)).isNull();
    }

    @Test
    void everyMistypedDigitOfAFoodLicenceNumberIsDetected() {
        String number = type("food-business-licence").number("310101", TODAY, 654_321,
                Map.of("businessFormat", "food-sales"));
        for (int i = 2; i < number.length(); i++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != number.charAt(i)) {
                    String typo = number.substring(0, i) + digit + number.substring(i + 1);
                    assertThat(problem("food-business-licence", typo)).as(typo).isNotNull();
                }
            }
        }
    }

    @Test
    void aResidencePermitNumberCarriesTheDivisionTheYearAndACheckDigit() {
        String number = type("residence-permit").number("310115", TODAY, 42, Map.of());

        assertThat(number).isEqualTo("JZ310115202600000425");
        assertThat(problem("residence-permit", number)).isNull();
        assertThat(problem("residence-permit", "JZ310115202600000426")).contains("check characters");
    }

    @Test
    void aDivisionCodeThatIsNotSixDigitsIsRefused() {
        assertThatThrownBy(() -> type("food-business-licence").number("3101", TODAY, 1, Map.of("businessFormat", "catering")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 digits");
    }

    @Test
    void aSequenceOutOfRangeOrAFieldWithoutCodeIsRefused() {
        assertThatThrownBy(() -> type("business-licence").number("310101", TODAY, 887_503_681, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> type("food-business-licence").number("310101", TODAY, 1_000_000,
                Map.of("businessFormat", "canteen")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> type("food-business-licence").number("310101", TODAY, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("businessFormat");
    }

    @Test
    void aPatternWithoutSequenceOrWithAnUnknownPartIsRefused() {
        assertThatThrownBy(() -> NumberPattern.parse("JY{division}", Map.of()))
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> NumberPattern.parse("JY{serial:6}", Map.of()))
                .hasMessageContaining("unknown part");
        assertThatThrownBy(() -> NumberPattern.parse("JY{sequence:6}{check:luhn:2}", Map.of()))
                .hasMessageContaining("ALGORITHM");
    }
}
