package tongban.documents;

import java.net.URI;
import java.time.LocalDate;
import tongban.rules.Decision;
import tongban.rules.ServiceItem;

/**
 * What a notice (告知文书) is made from: the decision on an application and the item it was decided
 * under, as the rule pack gives them, and what the acceptance flow knows of the application. The notice's
 * kind follows from the decision's outcome ({@link NoticeKind#of}). Values are checked when rendered.
 *
 * @param documentId        the registry's id; the QR code links to {@code <verifyBaseUrl>/verify/<documentId>}
 * @param applicationId     the application's id, in the attached data only
 * @param applicationNumber the application number (受理编号) the applicant quotes; also the notice's number (文号)
 * @param applicantName     the applicant as addressed (a person's or an organisation's name)
 * @param item              the service item (事项) of the pack that decided
 * @param decision          the decision (审查结论) the notice tells
 * @param issueDate         the notice's date
 * @param resubmitBy        for an incomplete application, the last day to resubmit; null prints the template's
 *                          "within N working days of receipt"
 * @param verifyBaseUrl     the public base URL of the verification page
 * @param language          ZH (null means ZH) or EN: the pack's English texts of reasons, materials and visits
 */
public record NoticeData(String documentId, String applicationId, String applicationNumber, String applicantName,
                         ServiceItem item, Decision decision, LocalDate issueDate, LocalDate resubmitBy,
                         URI verifyBaseUrl, Language language) {

    /** The language of the pack's texts on the notice; the notice's own wording is Chinese. */
    public enum Language { ZH, EN }
}
