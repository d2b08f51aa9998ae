package tongban.seal;

import java.time.Instant;

/**
 * A certificate revocation list (CRL) of the local test authority, to serve over HTTP.
 *
 * @param fileName   the name to serve it under, e.g. {@code local-root-ca.crl}
 * @param issuer     the issuing CA's subject (RFC 2253)
 * @param der        the DER-encoded CRL ({@code application/pkix-crl})
 * @param thisUpdate when it was issued
 * @param nextUpdate when the next one is due
 */
public record RevocationList(String fileName, String issuer, byte[] der, Instant thisUpdate, Instant nextUpdate) {

    public RevocationList {
        der = der.clone();
    }

    /** A copy, so a caller cannot alter the CRL others are served. */
    @Override
    public byte[] der() {
        return der.clone();
    }
}
