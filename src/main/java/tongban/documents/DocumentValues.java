package tongban.documents;

import java.net.URI;
import java.time.LocalDate;

/**
 * Checks and forms shared by every document (certificates and notices): its id, the verification address
 * its QR code links to, dates as printed, printable text. Each check returns the problem, or null.
 */
final class DocumentValues {

    private static final int MAX_URL = 200;

    private DocumentValues() {
    }

    static String idProblem(String id) {
        return id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? null : "must be 1 to 64 letters, digits, '.', '_' or '-'";
    }

    static String verifyBaseProblem(URI base, String documentId) {
        if (base == null) {
            return "is required";
        }
        String scheme = base.getScheme();
        if (!base.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme)) || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            return "must be an absolute http(s) URL without query or fragment";
        }
        if (verifyUrl(base, documentId).length() > MAX_URL) {
            return "is too long for the QR code; at most " + MAX_URL + " characters in all";
        }
        return null;
    }

    /** {@code <base>/verify/<documentId>}, the page that verifies the document; check the base first. */
    static String verifyUrl(URI base, String documentId) {
        return base.toString().replaceAll("/+$", "") + "/verify/" + documentId;
    }

    /** A text that fits and that the certificate font can show, or the problem. */
    static String printableProblem(String value, int maxLength, CertificateFonts fonts) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            return "has " + length + " characters; at most " + maxLength + " fit";
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "must be one line without control characters";
        }
        int missing = fonts.firstMissing(value);
        if (missing >= 0) {
            return String.format("the character %s (U+%04X) is not in the certificate font (GB 2312)",
                    Character.toString(missing), missing);
        }
        return null;
    }

    /** {@code 2026年11月27日}. */
    static String chinese(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }
}
