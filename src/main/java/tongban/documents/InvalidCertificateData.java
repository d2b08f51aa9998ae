package tongban.documents;

/**
 * The certificate data cannot make a correct document: a required value is missing, too long, of the
 * wrong form or shape, or not printable with the certificate font. Nothing was produced. The {@link #field()}
 * is a path into {@link CertificateData}.
 */
public class InvalidCertificateData extends InvalidDocumentData {

    InvalidCertificateData(String field, String message) {
        super(field, message);
    }
}
