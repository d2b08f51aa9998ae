package tongban.seal.pades;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import tongban.seal.SealServiceException;

/**
 * Production CRLs: fetched over HTTP from each certificate's CRL distribution points. Sealing fetches afresh; the
 * verifier's instance keeps what it fetched for {@code maxAge}, so verifications do not each ask the CA.
 */
public final class DistributionPointCrlSource implements CrlSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Duration maxAge;
    private final Map<URI, Fetched> fetched = new ConcurrentHashMap<>();

    private record Fetched(byte[] crl, Instant at) {
    }

    /** Fetches on every call (for sealing, whose embedded CRLs must be current). */
    public DistributionPointCrlSource() {
        this(Duration.ZERO);
    }

    /** Keeps each fetched CRL for {@code maxAge}. */
    public DistributionPointCrlSource(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public List<byte[]> crlsFor(X509Certificate certificate) {
        List<byte[]> crls = new ArrayList<>();
        for (URI url : distributionPoints(certificate)) {
            Fetched kept = fetched.get(url);
            if (kept != null && kept.at().plus(maxAge).isAfter(Instant.now())) {
                crls.add(kept.crl());
                continue;
            }
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    crls.add(response.body());
                    if (!maxAge.isZero()) {
                        fetched.put(url, new Fetched(response.body(), Instant.now()));
                    }
                }
            } catch (IOException e) {
                throw new SealServiceException("CRL_UNAVAILABLE", "cannot fetch CRL " + url + ": " + e.getMessage(),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SealServiceException("CRL_UNAVAILABLE", "interrupted while fetching " + url, e);
            }
        }
        return crls;
    }

    private static List<URI> distributionPoints(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> urls = new ArrayList<>();
        if (extension == null) {
            return urls;
        }
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String url = general.getName().toString();
                        if (url.startsWith("http://") || url.startsWith("https://")) {
                            urls.add(URI.create(url));
                        }
                    }
                }
            }
        }
        return urls;
    }
}
