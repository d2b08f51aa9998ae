package tongban.seal.pades;

import java.security.cert.X509Certificate;
import java.util.List;

/** Where the CRLs embedded at BASELINE_LT come from: the local authority, or the certificates' distribution points. */
@FunctionalInterface
public interface CrlSource {

    /** DER CRLs that cover {@code certificate}; empty when none is known. */
    List<byte[]> crlsFor(X509Certificate certificate);
}
