package tongban.seal.timestamp;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import tongban.seal.KeySource;
import tongban.seal.SealServiceException;
import tongban.seal.TimestampAuthority;
import tongban.seal.keys.Algorithms;

/**
 * The embedded default's RFC 3161 time-stamping authority, signing with a key behind a {@link KeySource} (the
 * local TSA certificate: extended key usage timeStamping, critical).
 */
public final class LocalTimestampAuthority implements TimestampAuthority {

    /**
     * The TSA policy: a UUID-based OID (ITU-T X.667), so no registration is needed and no real policy is claimed.
     */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier(
            "2.25.262154327357123418196428493637124063521");

    private static final Set<ASN1ObjectIdentifier> ACCEPTED_ALGORITHMS = Set.of(
            TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);
    private static final int MAX_REQUEST = 8 * 1024;

    private final KeySource key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LocalTimestampAuthority(KeySource key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** The TSA certificate and its issuers. */
    public java.util.List<X509Certificate> chain() {
        return key.chain();
    }

    @Override
    public byte[] respond(byte[] timeStampRequest) {
        try {
            TimeStampResponseGenerator generator = new TimeStampResponseGenerator(tokenGenerator(),
                    ACCEPTED_ALGORITHMS);
            TimeStampRequest request;
            try {
                if (timeStampRequest == null || timeStampRequest.length > MAX_REQUEST) {
                    throw new IOException("request missing or larger than " + MAX_REQUEST + " bytes");
                }
                request = new TimeStampRequest(timeStampRequest);
            } catch (IOException | RuntimeException e) {
                return generator.generateRejectedResponse(new TSPException("bad request: " + e.getMessage()))
                        .getEncoded();
            }
            BigInteger serial = new BigInteger(127, random);
            Date now = Date.from(clock.instant());
            // generate() answers requests it refuses (bad algorithm, policy, extensions) with a rejection
            return generator.generate(request, serial, now).getEncoded();
        } catch (IOException | TSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new SealServiceException("TIMESTAMP_UNAVAILABLE", "the timestamp authority failed: "
                    + e.getMessage(), e);
        }
    }

    private TimeStampTokenGenerator tokenGenerator()
            throws OperatorCreationException, TSPException, CertificateEncodingException {
        DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        X509Certificate certificate = key.chain().get(0);
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                        .setContentDigest(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256))
                        .build(new KeySourceContentSigner(key), certificate),
                sha256, POLICY);
        generator.addCertificates(new JcaCertStore(key.chain()));
        return generator;
    }

    /** Lets Bouncy Castle sign through a {@link KeySource}, so a TSA key may live in a token too. */
    private static final class KeySourceContentSigner implements ContentSigner {

        private final KeySource key;
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

        KeySourceContentSigner(KeySource key) {
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder()
                    .find(Algorithms.jcaSignatureAlgorithm(key.chain().get(0)));
        }

        @Override
        public OutputStream getOutputStream() {
            return buffer;
        }

        @Override
        public byte[] getSignature() {
            try {
                return key.sign(buffer.toByteArray(), Algorithms.jcaSignatureAlgorithm(key.chain().get(0)));
            } catch (java.security.GeneralSecurityException e) {
                throw new SealServiceException("TIMESTAMP_UNAVAILABLE", "the TSA key cannot sign: "
                        + e.getMessage(), e);
            }
        }
    }
}
