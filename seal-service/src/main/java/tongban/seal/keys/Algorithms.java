package tongban.seal.keys;

import java.security.cert.X509Certificate;

/** The signature algorithm that goes with a key: SHA-256 with ECDSA or RSA. */
public final class Algorithms {

    private Algorithms() {
    }

    /** JCA name, e.g. {@code SHA256withECDSA}. */
    public static String jcaSignatureAlgorithm(X509Certificate certificate) {
        String keyAlgorithm = certificate.getPublicKey().getAlgorithm();
        if ("EC".equals(keyAlgorithm)) {
            return "SHA256withECDSA";
        }
        if ("RSA".equals(keyAlgorithm)) {
            return "SHA256withRSA";
        }
        throw new IllegalArgumentException("unsupported seal key algorithm " + keyAlgorithm);
    }
}
