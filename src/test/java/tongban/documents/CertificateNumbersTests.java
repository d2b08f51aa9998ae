package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tongban.identity.CreditCode;

/** Certificate numbers carry check characters that catch a mistyped character. */
class CertificateNumbersTests {

    @Test
    void theOrganisationCodeCheckAgreesWithTheExampleOfGb32100() {
        // GB 32100-2015's example code 91350100M000100Y43 holds the organisation code M000100Y-4
        assertThat(CertificateNumbers.organisationCheck("M000100Y")).isEqualTo('4');
        assertThat(CreditCode.parse("91350100M000100Y43").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void anIndividualBusinessGetsA92CodeOfItsDistrictWithValidCheckCharacters() {
        for (long sequence : new long[] {0, 1, 30, 31, 123_456_789, 887_503_680}) {
            String code = CertificateNumbers.individualBusinessCreditCode("310101", sequence).value();

            assertThat(code).hasSize(18).startsWith("92310101MA");
            assertThat(code.charAt(16)).isEqualTo(CertificateNumbers.organisationCheck(code.substring(8, 16)));
            assertThat(CreditCode.parse(code).value()).isEqualTo(code);
        }
    }

    @Test
    void differentSequencesGiveDifferentCreditCodes() {
        assertThat(CertificateNumbers.individualBusinessCreditCode("310101", 41).value())
                .isNotEqualTo(CertificateNumbers.individualBusinessCreditCode("310101", 42).value());
    }

    @Test
    void aFoodBusinessLicenceNumberIsJyThenFourteenDigitsOpeningWithTheBusinessFormat() {
        String number = CertificateNumbers.foodBusinessLicence(FoodBusinessFormat.CATERING, "310115", 1127);

        assertThat(number).isEqualTo("JY23101150011270");
        assertThat(CertificateNumbers.isFoodBusinessLicence(number)).isTrue();
    }

    @Test
    void everyMistypedDigitOfAFoodLicenceNumberIsDetected() {
        String number = CertificateNumbers.foodBusinessLicence(FoodBusinessFormat.FOOD_SALES, "310101", 654_321);
        for (int i = 2; i < number.length(); i++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != number.charAt(i)) {
                    String typo = number.substring(0, i) + digit + number.substring(i + 1);
                    assertThat(CertificateNumbers.isFoodBusinessLicence(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @Test
    void aResidencePermitNumberCarriesTheDivisionTheYearAndACheckDigit() {
        String number = CertificateNumbers.residencePermit("310115", LocalDate.of(2026, 11, 27), 42);

        assertThat(number).isEqualTo("JZ310115202600000425");
        assertThat(CertificateNumbers.isResidencePermit(number)).isTrue();
        assertThat(CertificateNumbers.isResidencePermit("JZ310115202600000426")).isFalse();
    }

    @Test
    void aDivisionCodeThatIsNotSixDigitsIsRefused() {
        assertThatThrownBy(() -> CertificateNumbers.foodBusinessLicence(FoodBusinessFormat.CATERING, "3101", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 digits");
    }

    @Test
    void aSequenceOutOfRangeIsRefused() {
        assertThatThrownBy(() -> CertificateNumbers.individualBusinessCreditCode("310101", 887_503_681))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> CertificateNumbers.foodBusinessLicence(FoodBusinessFormat.CANTEEN, "310101", 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence");
    }
}
