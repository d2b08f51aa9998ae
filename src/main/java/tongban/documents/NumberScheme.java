package tongban.documents;

import java.util.function.Predicate;
import tongban.identity.CreditCode;

/** The numbering a template's certificates follow, named in its template.yaml as {@code number:}. */
enum NumberScheme {
    CREDIT_CODE("credit-code", "a unified social credit code with a valid check character (GB 32100)",
            NumberScheme::isCreditCode),
    FOOD_LICENCE("food-licence", "JY and 14 digits with a valid check digit", CertificateNumbers::isFoodBusinessLicence),
    RESIDENCE_PERMIT("residence-permit", "JZ and 18 digits with a valid check digit", CertificateNumbers::isResidencePermit);

    private final String key;
    private final String rule;
    private final Predicate<String> test;

    NumberScheme(String key, String rule, Predicate<String> test) {
        this.key = key;
        this.rule = rule;
        this.test = test;
    }

    static NumberScheme of(String key) {
        for (NumberScheme scheme : values()) {
            if (scheme.key.equals(key)) {
                return scheme;
            }
        }
        return null;
    }

    static String keys() {
        return "credit-code, food-licence, residence-permit";
    }

    /** Why {@code number} does not follow this scheme, or null when it does. */
    String problem(String number) {
        return test.test(number) ? null : "must be " + rule;
    }

    static boolean isCreditCode(String value) {
        try {
            CreditCode.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
