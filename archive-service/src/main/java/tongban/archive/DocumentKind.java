package tongban.archive;

/**
 * What a sealed document in the library is: every kind is sealed, stored write-once and verifiable alike, and each
 * is listed as what it is (a notice is never offered as an e-certificate to reuse).
 */
public enum DocumentKind {
    /** An e-certificate (电子证照) that proves a licence, registration or permit. */
    CERTIFICATE,
    /** A notice or decision of an application (告知书, 决定书) that ends or waits without a certificate. */
    NOTICE,
    /** A receipt (收据, 受理凭证). */
    RECEIPT,
    /** An inspection document (检查记录, 整改通知). */
    INSPECTION
}
