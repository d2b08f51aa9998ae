package tongban.documents;

/**
 * The data cannot make a correct document: a value is missing, too long, malformed, of the wrong shape, does not
 * belong, or is not printable with the certificate font. Nothing was produced.
 */
public abstract class InvalidDocumentData extends RuntimeException {

    private final String field;

    InvalidDocumentData(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The faulty value, as a path into the document's data: {@code holderName}, {@code fields.businessScope[2]}. */
    public String field() {
        return field;
    }
}
