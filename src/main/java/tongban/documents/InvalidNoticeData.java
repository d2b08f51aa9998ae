package tongban.documents;

/**
 * The notice data cannot make a correct notice: a value is missing, malformed, does not belong to the
 * decision, or is not printable with the certificate font. Nothing was produced. The {@link #field()} is a path
 * into {@link NoticeData}: {@code applicantName}, {@code decision.reasons[1].message}.
 */
public class InvalidNoticeData extends InvalidDocumentData {

    InvalidNoticeData(String field, String message) {
        super(field, message);
    }
}
