package tongban.platform;

import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The reason (理由) a person gives for an act on the record, such as revoking a certificate or placing a legal hold:
 * the body's {@code reason}, 1 to 500 characters of text. Control characters (NUL among them), invisible formatting
 * and direction marks, and broken surrogate pairs are refused with the field's path: they cannot be stored, or would
 * show a verifier or an auditor something other than what was written.
 */
public record Reason(String text) {

    public static final int MAX_LENGTH = 500;

    /** The body's reason for {@code act} (e.g. "revoking"), or a 400 problem naming {@code $.reason}. */
    public static Reason of(JsonNode body, String act) {
        String text = body.path("reason").isString() ? body.path("reason").asString() : "";
        if (text.isBlank() || text.length() > MAX_LENGTH) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "REASON_REQUIRED",
                    "give the reason for " + act + " (1 to " + MAX_LENGTH + " characters)", "$.reason", List.of());
        }
        if (text.codePoints().anyMatch(Reason::unwritable)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_REASON",
                    "the reason may hold text and line breaks only: no control, formatting or direction characters",
                    "$.reason", List.of());
        }
        return new Reason(text);
    }

    /** Whether a text written for the record holds no control (but line breaks and tabs), formatting or direction character. */
    public static boolean writable(String text) {
        return text.codePoints().noneMatch(Reason::unwritable);
    }

    /**
     * Another free text a person writes on the record (a ticket's text, an answer, a lookup's purpose), under the same
     * rules as a reason: 1 to {@code maxLength} characters, no control, formatting or direction characters. Refused with
     * 400 {@code missingCode} when blank or too long, {@code invalidCode} when it holds such characters, naming
     * {@code field}.
     */
    public static String text(String text, int maxLength, String field, String missingCode, String invalidCode) {
        if (text == null || text.isBlank() || text.length() > maxLength) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, missingCode,
                    field + " must be 1 to " + maxLength + " characters of text", field, List.of());
        }
        if (text.codePoints().anyMatch(Reason::unwritable)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, invalidCode,
                    field + " may hold text and line breaks only: no control, formatting or direction characters",
                    field, List.of());
        }
        return text;
    }

    private static boolean unwritable(int c) {
        int type = Character.getType(c);
        return (type == Character.CONTROL && c != '\n' && c != '\t') || type == Character.FORMAT
                || type == Character.SURROGATE;
    }
}
