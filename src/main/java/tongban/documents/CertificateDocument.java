package tongban.documents;

/**
 * A rendered, unsealed certificate.
 *
 * @param pdf  the PDF/A-3b file
 * @param seal where the template wants the department's visible seal
 */
public record CertificateDocument(byte[] pdf, SealPosition seal) {

    public CertificateDocument {
        pdf = pdf.clone();
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }
}
