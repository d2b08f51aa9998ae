package tongban.documents;

import java.time.LocalDate;
import tongban.identity.CreditCode;

/**
 * Makes the numbers certificates carry, each with its check character, from a division code (行政区划代码)
 * and a sequence number the caller allocates once per number.
 */
public final class CertificateNumbers {

    // GB 11714 organisation codes take digits and letters; restricting them to GB 32100's alphabet keeps
    // every code a valid part of a unified social credit code.
    private static final String BODY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ORGANISATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    // registration authority 9 (市场监督管理) and entity type 2 (个体工商户), GB 32100 table 1 and 2
    private static final String INDIVIDUAL_BUSINESS = "92";
    // codes assigned by the registration authority since the 2015 reform begin with MA
    private static final String ASSIGNED_PREFIX = "MA";
    private static final long SEQUENCE_LIMIT = 887_503_681L; // 31^6: six characters of the alphabet

    private CertificateNumbers() {
    }

    /**
     * The unified social credit code (统一社会信用代码, GB 32100) of an individual business (个体工商户):
     * {@code 92}, the division code, a 9-character organisation code (GB 11714, with its own check
     * character) and the GB 32100 check character.
     *
     * @param divisionCode the registering district's 6-digit division code, e.g. {@code 310101}
     * @param sequence     0 to 887,503,680, unique within the division
     */
    public static CreditCode individualBusinessCreditCode(String divisionCode, long sequence) {
        requireDivision(divisionCode);
        if (sequence < 0 || sequence >= SEQUENCE_LIMIT) {
            throw new IllegalArgumentException("sequence must be from 0 to " + (SEQUENCE_LIMIT - 1));
        }
        char[] digits = new char[6];
        long rest = sequence;
        for (int i = 5; i >= 0; i--, rest /= BODY_ALPHABET.length()) {
            digits[i] = BODY_ALPHABET.charAt((int) (rest % BODY_ALPHABET.length()));
        }
        String body = ASSIGNED_PREFIX + new String(digits);
        String first17 = INDIVIDUAL_BUSINESS + divisionCode + body + organisationCheck(body);
        return CreditCode.parse(first17 + CreditCode.checkCharacter(first17));
    }

    /**
     * A food business licence number (食品经营许可证编号): {@code JY}, the 主体业态 digit, the 6-digit division
     * code (province, city, county), a 6-digit sequence and a check digit, 14 digits in all.
     */
    public static String foodBusinessLicence(FoodBusinessFormat format, String divisionCode, int sequence) {
        requireDivision(divisionCode);
        requireSequence(sequence, 999_999);
        String digits = format.digit() + divisionCode + String.format("%06d", sequence);
        return "JY" + digits + mod11Check(digits);
    }

    /**
     * A residence permit number: {@code JZ}, the issuing division code, the year of issue, a 7-digit
     * sequence and a check digit. No national standard numbers the electronic permit; this is ours.
     */
    public static String residencePermit(String divisionCode, LocalDate issueDate, int sequence) {
        requireDivision(divisionCode);
        requireSequence(sequence, 9_999_999);
        String digits = divisionCode + String.format("%04d%07d", issueDate.getYear(), sequence);
        return "JZ" + digits + mod11Check(digits);
    }

    static boolean isFoodBusinessLicence(String number) {
        return number.matches("JY[123]\\d{13}") && hasMod11Check(number.substring(2));
    }

    static boolean isResidencePermit(String number) {
        return number.matches("JZ\\d{18}") && hasMod11Check(number.substring(2));
    }

    static char organisationCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(body.charAt(i), 36) * ORGANISATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    // ISO 7064 MOD 11,10: the regulation asks for a check digit without naming the system; this one
    // catches every single-digit error and every adjacent transposition.
    static char mod11Check(String digits) {
        int product = 10;
        for (int i = 0; i < digits.length(); i++) {
            int sum = (product + digits.charAt(i) - '0') % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        return (char) ('0' + (11 - product) % 10);
    }

    private static boolean hasMod11Check(String digitsWithCheck) {
        String digits = digitsWithCheck.substring(0, digitsWithCheck.length() - 1);
        return digitsWithCheck.charAt(digitsWithCheck.length() - 1) == mod11Check(digits);
    }

    private static void requireDivision(String divisionCode) {
        if (divisionCode == null || !divisionCode.matches("[1-9]\\d{5}")) {
            throw new IllegalArgumentException("division code must be 6 digits, e.g. 310101");
        }
    }

    private static void requireSequence(int sequence, int max) {
        if (sequence < 0 || sequence > max) {
            throw new IllegalArgumentException("sequence must be from 0 to " + max);
        }
    }
}
