package tongban.seal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Access to one seal's signing key (印章密钥) without handing the key out: the port behind which PKCS#12 files and
 * PKCS#11 tokens sit. Implementations are thread-safe.
 */
public interface KeySource extends AutoCloseable {

    /** The signing certificate first, then its issuers up to (and including) the root when known. */
    List<X509Certificate> chain();

    /**
     * Signs {@code data} with the seal key.
     *
     * @param jcaAlgorithm a JCA signature algorithm such as {@code SHA256withECDSA} or {@code SHA256withRSA}
     */
    byte[] sign(byte[] data, String jcaAlgorithm) throws GeneralSecurityException;

    /** Where the key is kept. */
    KeyKind kind();

    /** Releases the token session or keystore; signing afterwards fails. */
    @Override
    void close();
}
