package tongban.documents;

/**
 * The certificate data cannot make a correct document: a required value is missing, too long, of the
 * wrong form or shape, or not printable with the certificate font. Nothing was produced.
 */
public class InvalidCertificateData extends RuntimeException {

    private final String field;

    InvalidCertificateData(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The faulty value, as a path into {@link CertificateData}: {@code holderName}, {@code fields.businessScope[2]}. */
    public String field() {
        return field;
    }
}
