package tongban.documents;

import tongban.identity.CreditCode;
import tongban.identity.ResidentIdNumber;

/** What identifies a template's holder, named in its template.yaml as {@code holderId:}. */
enum HolderIdKind {
    RESIDENT_ID("resident-id", true, false),
    CREDIT_CODE("credit-code", false, true),
    RESIDENT_ID_OR_CREDIT_CODE("resident-id-or-credit-code", true, true);

    private final String key;
    private final boolean residentId;
    private final boolean creditCode;

    HolderIdKind(String key, boolean residentId, boolean creditCode) {
        this.key = key;
        this.residentId = residentId;
        this.creditCode = creditCode;
    }

    static HolderIdKind of(String key) {
        for (HolderIdKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        return null;
    }

    static String keys() {
        return "resident-id, credit-code, resident-id-or-credit-code";
    }

    /** Why {@code id} cannot identify the holder, or null when it can. */
    String problem(String id) {
        if (residentId && residentId(id) != null || creditCode && isCreditCode(id)) {
            return null;
        }
        String resident = "a resident ID number with a valid check digit (GB 11643)";
        String code = "a unified social credit code with a valid check character (GB 32100)";
        return "must be " + (residentId && creditCode ? resident + " or " + code : residentId ? resident : code);
    }

    /** The parsed resident ID number, or null when {@code id} is not one. */
    static ResidentIdNumber residentId(String id) {
        try {
            return ResidentIdNumber.parse(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isCreditCode(String value) {
        try {
            CreditCode.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
