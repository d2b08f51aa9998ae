package tongban.archive;

/** The status of an e-certificate: valid, revoked (吊销/注销) by an officer, or expired past its valid-until date. */
public enum CertificateStatus {
    VALID, REVOKED, EXPIRED
}
