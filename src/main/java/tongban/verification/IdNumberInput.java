package tongban.verification;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import tongban.identity.ResidentIdNumber;
import tongban.platform.ApiProblem;

/** The ID number a verifier may type or send ({@code idNumber}): optional; spaces and a lower-case x forgiven. */
final class IdNumberInput {

    static final String FIELD = "idNumber";

    private IdNumberInput() {
    }

    /**
     * The checked number, or null when none was given.
     *
     * @throws ApiProblem 400 INVALID_ID_NUMBER (field {@code idNumber}) for anything that is not a resident ID number
     *                    with a valid check digit; the detail says what is wrong and never repeats the input
     */
    static ResidentIdNumber parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String number = raw.replaceAll("[\\s\\u3000]", "").toUpperCase(Locale.ROOT);
        try {
            return ResidentIdNumber.parse(number);
        } catch (IllegalArgumentException e) {
            // a well-formed but wrong number: a detail that quotes none of its digits
            String detail = number.matches("\\d{17}[0-9X]") ? "the ID number is not valid: its birth date or check"
                    + " digit (GB 11643) is wrong" : "the ID number " + e.getMessage();
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_ID_NUMBER", detail, FIELD, List.of());
        }
    }
}
