package tongban.identity;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident identity card number (公民身份号码, GB 11643-1999): six-digit division code, birth date,
 * sequence code and an ISO 7064 MOD 11-2 check character.
 */
public record ResidentIdNumber(String value, LocalDate birthDate) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    /** Parses and checks a number; the message of the exception says what is wrong, for the applicant. */
    public static ResidentIdNumber parse(String value) {
        if (value == null || !value.matches("\\d{17}[0-9X]")) {
            throw new IllegalArgumentException("must be 18 characters: 17 digits and a check digit or X");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw new IllegalArgumentException("check digit does not match (GB 11643)");
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
            return new ResidentIdNumber(value, birth);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("birth date " + value.substring(6, 14) + " is not a date");
        }
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** Whole years of age on {@code date}. */
    public int ageOn(LocalDate date) {
        return java.time.Period.between(birthDate, date).getYears();
    }

    /** As printed on documents, in verification reports and in logs: {@link #mask}. */
    public String masked() {
        return mask(value);
    }

    /**
     * An 18-character identifier with only its first 4 and last 4 characters shown ({@code 3101**********1234}):
     * the province and city stay, the county, the birth date and most of the sequence are hidden. Hiding only the
     * birth date would leave so few candidates that a digest of the number ({@link IdNumberDigest}) could be
     * reversed in minutes.
     */
    public static String mask(String value) {
        return value.substring(0, 4) + "**********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
