package tongban.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One seal in the seal registry (印章登记): which department it belongs to and what it signs with.
 *
 * @param departmentId       e.g. {@code shanghai-amr}
 * @param departmentName     e.g. 上海市市场监督管理局
 * @param sealId             stable id derived from the signing certificate: {@code departmentId-} plus the first 16 hex
 *                           digits of the certificate's SHA-256
 * @param purpose            e.g. 电子证照专用章
 * @param certificateSubject the signing certificate's subject (RFC 2253)
 * @param notBefore          start of the certificate's validity
 * @param notAfter           end of the certificate's validity
 * @param keyKind            where the key lives
 * @param chain              signing certificate first, then its issuers
 * @param current            true for the seal the department seals with now; false for a seal retired by a
 *                           rotation (换章), kept so the documents it sealed still verify
 * @param revokedAt          since when the seal is revoked (吊销), if it is
 */
public record SealEntry(String departmentId, String departmentName, String sealId, String purpose,
                        String certificateSubject, Instant notBefore, Instant notAfter, KeyKind keyKind,
                        List<X509Certificate> chain, boolean current, Optional<Instant> revokedAt) {

    public SealEntry {
        chain = List.copyOf(chain);
    }

    SealEntry withState(boolean current, Optional<Instant> revokedAt) {
        return new SealEntry(departmentId, departmentName, sealId, purpose, certificateSubject, notBefore, notAfter,
                keyKind, chain, current, revokedAt);
    }
}
