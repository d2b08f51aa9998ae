package tongban.seal.verification;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * Builds a certificate's chain to a trust anchor from the certificates at hand, and checks validity and revocation
 * at a given time against the CRLs at hand: the document's DSS and the CA's current CRL.
 */
final class TrustEvidence {

    private static final int MAX_CHAIN = 8;

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> certificates;
    private final List<X509CRL> crls;
    private final Function<X509Certificate, List<X509CRL>> current;

    TrustEvidence(List<X509Certificate> anchors, List<X509Certificate> certificates, List<X509CRL> crls,
                  Function<X509Certificate, List<X509CRL>> current) {
        this.anchors = anchors;
        this.certificates = certificates;
        this.crls = crls;
        this.current = current;
    }

    /** Outcome of a chain check: a finding code (null when all is well) with its ETSI wording. */
    record Outcome(String code, String detail, String indication, String subIndication, boolean definite) {
        boolean ok() {
            return code == null;
        }
    }

    /**
     * Checks {@code certificate} (plus {@code extra} certificates from the signature itself) at {@code time}.
     *
     * @param what "seal" or "TSA", for messages and codes
     */
    Outcome check(X509Certificate certificate, List<X509Certificate> extra, Instant time, String what) {
        List<X509Certificate> pool = new ArrayList<>(certificates);
        pool.addAll(extra);
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = certificate;
        X509Certificate anchor = null;
        while (path.size() < MAX_CHAIN) {
            path.add(current);
            anchor = anchorFor(current);
            if (anchor != null) {
                break;
            }
            current = issuerOf(current, pool);
            if (current == null) {
                break;
            }
        }
        if (anchor == null) {
            return new Outcome("UNTRUSTED_" + what, "the " + what.toLowerCase() + " certificate "
                    + certificate.getSubjectX500Principal().getName() + " does not chain to a trust anchor",
                    "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", true);
        }
        Date at = Date.from(time);
        for (X509Certificate c : path) {
            if (at.before(c.getNotBefore()) || at.after(c.getNotAfter())) {
                return new Outcome("CERTIFICATE_NOT_VALID_AT_SIGNING_TIME", c.getSubjectX500Principal().getName()
                        + " is not valid at " + time, at.before(c.getNotBefore()) ? "TOTAL_FAILED" : "INDETERMINATE",
                        at.before(c.getNotBefore()) ? "NOT_YET_VALID" : "OUT_OF_BOUNDS_NO_POE", true);
            }
            if (isAnchor(c)) {
                continue;
            }
            X509Certificate issuer = path.indexOf(c) + 1 < path.size() ? path.get(path.indexOf(c) + 1) : anchor;
            X509CRL crl = crlFor(c, issuer);
            if (crl == null) {
                return new Outcome("REVOCATION_DATA_MISSING", "no CRL signed by "
                        + issuer.getSubjectX500Principal().getName() + " is embedded for "
                        + c.getSubjectX500Principal().getName(), "INDETERMINATE", "TRY_LATER", false);
            }
            X509CRLEntry entry = crl.getRevokedCertificate(c);
            if (entry != null && !entry.getRevocationDate().after(at)) {
                return new Outcome("CERTIFICATE_REVOKED", c.getSubjectX500Principal().getName() + " was revoked on "
                        + entry.getRevocationDate().toInstant(), "TOTAL_FAILED", "REVOKED", true);
            }
            if (crl.getThisUpdate().toInstant().plusSeconds(1).isBefore(time)) {
                return new Outcome("REVOCATION_DATA_MISSING", "the embedded CRL for "
                        + c.getSubjectX500Principal().getName() + " was issued before the signing time",
                        "INDETERMINATE", "TRY_LATER", false);
            }
        }
        return new Outcome(null, null, "TOTAL_PASSED", null, false);
    }

    private X509Certificate anchorFor(X509Certificate c) {
        for (X509Certificate a : anchors) {
            if (a.equals(c)) {
                return a;
            }
        }
        for (X509Certificate a : anchors) {
            if (a.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, a)) {
                return a;
            }
        }
        return null;
    }

    private boolean isAnchor(X509Certificate c) {
        return anchors.contains(c);
    }

    private static X509Certificate issuerOf(X509Certificate c, List<X509Certificate> pool) {
        X500Principal issuer = c.getIssuerX500Principal();
        if (issuer.equals(c.getSubjectX500Principal())) {
            return null;
        }
        for (X509Certificate candidate : pool) {
            if (candidate.getSubjectX500Principal().equals(issuer) && candidate.getBasicConstraints() >= 0
                    && signedBy(c, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private X509CRL crlFor(X509Certificate c, X509Certificate issuer) {
        X509CRL best = null;
        List<X509CRL> candidates = new ArrayList<>(crls);
        candidates.addAll(current.apply(c));
        for (X509CRL crl : candidates) {
            if (crl.getIssuerX500Principal().equals(c.getIssuerX500Principal()) && verifies(crl, issuer)
                    && (best == null || crl.getThisUpdate().after(best.getThisUpdate()))) {
                best = crl;
            }
        }
        return best;
    }

    private static boolean verifies(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
