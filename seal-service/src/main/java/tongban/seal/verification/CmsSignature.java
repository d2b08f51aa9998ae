package tongban.seal.verification;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Cryptographic checks of a CMS signature over a PDF's byte ranges, and of RFC 3161 timestamp tokens: the signed
 * digest, the signature value, the signing-certificate attribute, and a timestamp's signature and imprint.
 */
final class CmsSignature {

    static final Provider BC = new BouncyCastleProvider();
    private static final Set<ASN1ObjectIdentifier> STRONG_DIGESTS = Set.of(NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private CmsSignature() {
    }

    /** A verified signer: its certificate, the certificates the CMS carries, and the raw signature value. */
    record Signer(X509Certificate certificate, List<X509Certificate> certificates, SignerInformation info) {
    }

    /** A verified timestamp token. */
    record Timestamp(Instant time, X509Certificate tsa, List<X509Certificate> certificates) {
    }

    /** Thrown with a report code and ETSI sub-indication when a check fails. */
    static final class Failure extends Exception {
        final String code;
        final String subIndication;

        Failure(String code, String subIndication, String message) {
            super(message, null, false, false);
            this.code = code;
            this.subIndication = subIndication;
        }
    }

    /** The DER object at the start of a /Contents value, which is padded with zeros after it. */
    static byte[] derPrefix(byte[] contents) throws Failure {
        if (contents.length < 2 || contents[0] != 0x30) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "/Contents does not hold a DER SEQUENCE");
        }
        int lengthByte = contents[1] & 0xff;
        long length;
        int header;
        if (lengthByte < 0x80) {
            length = lengthByte;
            header = 2;
        } else {
            int n = lengthByte & 0x7f;
            if (n == 0 || n > 4 || contents.length < 2 + n) {
                throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "bad DER length in /Contents");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (contents[2 + i] & 0xff);
            }
            header = 2 + n;
        }
        long total = header + length;
        if (total > contents.length) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "the CMS is longer than /Contents");
        }
        for (int i = (int) total; i < contents.length; i++) {
            if (contents[i] != 0) {
                throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "bytes after the CMS in /Contents");
            }
        }
        return Arrays.copyOf(contents, (int) total);
    }

    /** Verifies a CAdES/PKCS#7 detached signature over the signed ranges of {@code file}. */
    static Signer verifySignature(byte[] file, long[] byteRange, byte[] der) throws Failure {
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new Ranges(file, byteRange), der);
        } catch (CMSException | RuntimeException e) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "unreadable CMS: " + e.getMessage());
        }
        SignerInformation info = onlySigner(cms);
        if (!STRONG_DIGESTS.contains(new ASN1ObjectIdentifier(info.getDigestAlgOID()))) {
            throw new Failure("SIGNATURE_INVALID", "CRYPTO_CONSTRAINTS_FAILURE",
                    "digest algorithm " + info.getDigestAlgOID() + " is not accepted");
        }
        X509Certificate certificate = signerCertificate(cms.getCertificates().getMatches(info.getSID()));
        try {
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate))) {
                throw new Failure("SIGNATURE_INVALID", "SIG_CRYPTO_FAILURE", "the signature value does not verify");
            }
        } catch (CMSSignerDigestMismatchException e) {
            throw new Failure("DIGEST_MISMATCH", "HASH_FAILURE",
                    "the signed bytes' digest differs from the one signed: the document was altered");
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new Failure("SIGNATURE_INVALID", "SIG_CRYPTO_FAILURE", "the signature does not verify: "
                    + e.getMessage());
        }
        checkSigningCertificateAttribute(info, certificate);
        return new Signer(certificate, certificates(cms), info);
    }

    /** The signature timestamp (unsigned attribute) of a signer, verified, or null when it has none. */
    static Timestamp signatureTimestamp(SignerInformation info) throws Failure {
        AttributeTable unsigned = info.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null
                : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return null;
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        TimeStampToken token;
        try {
            token = new TimeStampToken(ContentInfo.getInstance(value));
        } catch (TSPException | IOException | RuntimeException e) {
            throw new Failure("TIMESTAMP_INVALID", "FORMAT_FAILURE", "unreadable timestamp token: " + e.getMessage());
        }
        return verifyToken(token, info.getSignature());
    }

    /** A document timestamp's token (/Contents of a /DocTimeStamp) over the signed ranges of {@code file}. */
    static Timestamp documentTimestamp(byte[] file, long[] byteRange, byte[] der) throws Failure {
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(der));
        } catch (TSPException | IOException | CMSException | RuntimeException e) {
            throw new Failure("DOCUMENT_TIMESTAMP_INVALID", "FORMAT_FAILURE",
                    "unreadable document timestamp: " + e.getMessage());
        }
        return verifyToken(token, new Ranges(file, byteRange).bytes());
    }

    private static Timestamp verifyToken(TimeStampToken token, byte[] stamped) throws Failure {
        X509Certificate tsa = signerCertificate(token.getCertificates().getMatches(token.getSID()));
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(tsa));
        } catch (TSPException | OperatorCreationException | RuntimeException e) {
            throw new Failure("TIMESTAMP_INVALID", "SIG_CRYPTO_FAILURE", "the timestamp does not verify: "
                    + e.getMessage());
        }
        ASN1ObjectIdentifier algorithm = token.getTimeStampInfo().getMessageImprintAlgOID();
        if (!STRONG_DIGESTS.contains(algorithm)) {
            throw new Failure("TIMESTAMP_INVALID", "CRYPTO_CONSTRAINTS_FAILURE",
                    "timestamp imprint algorithm " + algorithm + " is not accepted");
        }
        try {
            byte[] expected = MessageDigest.getInstance(algorithm.getId(), BC).digest(stamped);
            if (!MessageDigest.isEqual(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
                throw new Failure("TIMESTAMP_IMPRINT_MISMATCH", "HASH_FAILURE",
                        "the timestamp is over different data");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new Failure("TIMESTAMP_INVALID", "CRYPTO_CONSTRAINTS_FAILURE", e.getMessage());
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            certificates.add(convert(holder));
        }
        return new Timestamp(token.getTimeStampInfo().getGenTime().toInstant(), tsa, certificates);
    }

    private static SignerInformation onlySigner(CMSSignedData cms) throws Failure {
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "the CMS has " + signers.size() + " signers");
        }
        if (!CMSObjectIdentifiers.data.getId().equals(cms.getSignedContentTypeOID())) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "the CMS does not sign plain data");
        }
        return signers.iterator().next();
    }

    private static X509Certificate signerCertificate(Collection<X509CertificateHolder> matches) throws Failure {
        if (matches.size() != 1) {
            throw new Failure("SIGNATURE_INVALID", "NO_SIGNING_CERTIFICATE_FOUND",
                    "the signer's certificate is not in the CMS");
        }
        return convert(matches.iterator().next());
    }

    /** PAdES requires the ESS signing-certificate-v2 attribute binding the signer certificate to the signature. */
    private static void checkSigningCertificateAttribute(SignerInformation info, X509Certificate certificate)
            throws Failure {
        AttributeTable signed = info.getSignedAttributes();
        Attribute attribute = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "no signing-certificate-v2 attribute");
        }
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
        try {
            ESSCertIDv2 id = ids[0];
            byte[] hash = MessageDigest.getInstance(id.getHashAlgorithm().getAlgorithm().getId(), BC)
                    .digest(certificate.getEncoded());
            if (!MessageDigest.isEqual(hash, id.getCertHash())) {
                throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE",
                        "the signing-certificate attribute names another certificate");
            }
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException
                 | ArrayIndexOutOfBoundsException e) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "bad signing-certificate attribute");
        }
    }

    private static List<X509Certificate> certificates(CMSSignedData cms) throws Failure {
        List<X509Certificate> result = new ArrayList<>();
        for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
            result.add(convert(holder));
        }
        return result;
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws Failure {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new Failure("SIGNATURE_INVALID", "FORMAT_FAILURE", "bad certificate in the CMS");
        }
    }

    /** The two signed ranges of the file as CMS content, written without copying the file. */
    private static final class Ranges implements CMSTypedData {
        private final byte[] file;
        private final long[] range;

        Ranges(byte[] file, long[] range) {
            this.file = file;
            this.range = range;
        }

        byte[] bytes() {
            byte[] out = new byte[(int) (range[1] + range[3])];
            System.arraycopy(file, 0, out, 0, (int) range[1]);
            System.arraycopy(file, (int) range[2], out, (int) range[1], (int) range[3]);
            return out;
        }

        @Override
        public ASN1ObjectIdentifier getContentType() {
            return CMSObjectIdentifiers.data;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            out.write(file, (int) range[0], (int) range[1]);
            out.write(file, (int) range[2], (int) range[3]);
        }

        @Override
        public Object getContent() {
            return null;
        }
    }
}
