/**
 * Document service: merges a certificate's data into its template (templates/) and produces a PDF/A-3b
 * electronic certificate (电子证照) with an embedded CJK font, a QR code to its verification page and the
 * data itself as an associated JSON file. Sealing is the seal service's part; this module only reports
 * where the template wants the seal.
 *
 * <p>API: {@link tongban.documents.RenderCertificate}, {@link tongban.documents.CertificateData},
 * {@link tongban.documents.CertificateDocument}, {@link tongban.documents.SealPosition},
 * {@link tongban.documents.CertificateNumbers}.
 */
package tongban.documents;
