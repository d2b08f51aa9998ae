/**
 * Document service: merges a certificate's data into its template (templates/) and produces a PDF/A-3b
 * electronic certificate (电子证照) with an embedded CJK font, a QR code to its verification page and the
 * data itself as an associated JSON file. Sealing is the seal service's part; this module only reports
 * where the template wants the seal. The same way, a decision becomes its notice (告知文书): the
 * one-time notice of missing materials, the notice of acceptance, or the decision to refuse.
 *
 * <p>API: {@link tongban.documents.RenderCertificate}, {@link tongban.documents.CertificateData},
 * {@link tongban.documents.CertificateDocument}, {@link tongban.documents.SealPosition},
 * {@link tongban.documents.CertificateType}; {@link tongban.documents.RenderNotice},
 * {@link tongban.documents.NoticeData}, {@link tongban.documents.NoticeDocument}, {@link tongban.documents.NoticeKind}.
 */
package tongban.documents;
