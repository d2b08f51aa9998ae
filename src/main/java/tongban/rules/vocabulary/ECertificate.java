package tongban.rules.vocabulary;

import java.time.LocalDate;

/**
 * An electronic certificate (电子证照) already issued, offered as data instead of an upload.
 * {@code valid} (status VALID and not past {@code validUntil} at the evaluation date) and
 * {@code ofApplicant} (held by the applicant's ID number or credit code) are derived by Java.
 */
public record ECertificate(
        String type,
        String number,
        String holderId,
        String status,
        LocalDate validUntil,
        boolean valid,
        boolean ofApplicant) {
}
