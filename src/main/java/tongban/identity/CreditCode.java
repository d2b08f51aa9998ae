package tongban.identity;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet, the last a check character.
 */
public record CreditCode(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public static CreditCode parse(String value) {
        if (value == null || value.length() != 18 || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("must be 18 characters of 0-9 and A-Y without I, O, S, V, Z");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw new IllegalArgumentException("check character does not match (GB 32100)");
        }
        return new CreditCode(value);
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
