package tongban.seal.pades;

import com.itextpdf.forms.form.element.SignatureFieldAppearance;
import com.itextpdf.io.image.ImageData;
import com.itextpdf.io.image.ImageDataFactory;
import com.itextpdf.kernel.exceptions.PdfException;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.layout.borders.Border;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.properties.Property;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.signatures.ICrlClient;
import com.itextpdf.signatures.IExternalSignature;
import com.itextpdf.signatures.IIssuingCertificateRetriever;
import com.itextpdf.signatures.ISignatureMechanismParams;
import com.itextpdf.signatures.ITSAClient;
import com.itextpdf.signatures.PdfPKCS7;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.SignatureUtil;
import com.itextpdf.signatures.SignerProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import tongban.seal.InvalidSealRequestException;
import tongban.seal.KeySource;
import tongban.seal.LastTimestamp;
import tongban.seal.SealLevel;
import tongban.seal.SealPosition;
import tongban.seal.SealServiceException;
import tongban.seal.TimestampAuthority;
import tongban.seal.keys.Algorithms;

/**
 * Applies a visible PAdES seal with iText: CAdES-detached signature, RFC 3161 signature timestamp (BASELINE_T), at
 * BASELINE_LT the chain's certificates and CRLs in a DSS appended as an incremental update, and at BASELINE_LTA the
 * timestamp's validation data and a document timestamp over everything. Renewal appends the same pair again.
 */
public final class PadesSealer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimestampAuthority timestampAuthority;
    private final CrlSource crlSource;
    private final List<X509Certificate> trustAnchors;

    public PadesSealer(TimestampAuthority timestampAuthority, CrlSource crlSource,
                       List<X509Certificate> trustAnchors) {
        this.timestampAuthority = timestampAuthority;
        this.crlSource = crlSource;
        this.trustAnchors = List.copyOf(trustAnchors);
    }

    /** A seal image decoded once, so sealing does not decode the PNG again for every document. */
    public static final class PreparedImage {
        private final ImageData image;

        private PreparedImage(ImageData image) {
            this.image = image;
        }
    }

    /** Decodes a seal PNG for repeated use (the decoded image is only read while sealing). */
    public static PreparedImage prepare(byte[] sealPng) {
        return new PreparedImage(ImageDataFactory.create(sealPng));
    }

    /** The sealed bytes and the signature timestamp's time. */
    public record Sealed(byte[] pdf, Instant timestamp) {
    }

    /**
     * Seals {@code pdf}.
     *
     * @throws InvalidSealRequestException when the PDF cannot be read or the position is off the page
     */
    public Sealed seal(byte[] pdf, KeySource key, PreparedImage sealImage, SealPosition position, String reason,
                       SealLevel level) {
        checkPosition(pdf, position);
        Certificate[] chain = key.chain().toArray(new Certificate[0]);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String fieldName = "seal-" + HexFormat.of().formatHex(id);
        // no padding or border: the seal image fills the rectangle the caller chose
        SignatureFieldAppearance appearance = new SignatureFieldAppearance(fieldName)
                .setContent(new Div().setMargin(0).setPadding(0)
                        .add(new Image(sealImage.image).setAutoScale(true)));
        appearance.setBorder(Border.NO_BORDER);
        for (int side : new int[] {Property.PADDING_TOP, Property.PADDING_RIGHT, Property.PADDING_BOTTOM,
                Property.PADDING_LEFT}) {
            appearance.setProperty(side, UnitValue.createPointValue(0));
        }
        SignerProperties properties = new SignerProperties()
                .setFieldName(fieldName)
                .setPageNumber(position.page())
                .setPageRect(new Rectangle(position.x(), position.y(), position.width(), position.height()))
                .setSignatureAppearance(appearance);
        if (reason != null) {
            properties.setReason(reason);
        }
        RecordingTsaClient tsa = new RecordingTsaClient(timestampAuthority);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 64 * 1024);
        try {
            PdfPadesSigner signer = new PdfPadesSigner(new PdfReader(new ByteArrayInputStream(pdf)), out);
            signer.setTrustedCertificates(new ArrayList<>(trustAnchors));
            signer.setIssuingCertificateRetriever(new KnownCertificates(key.chain(), trustAnchors));
            IExternalSignature signature = new KeySourceSignature(key);
            signer.setCrlClient(new CrlClient(crlSource));
            switch (level) {
                case BASELINE_T -> signer.signWithBaselineTProfile(properties, chain, signature, tsa);
                case BASELINE_LT -> signer.signWithBaselineLTProfile(properties, chain, signature, tsa);
                case BASELINE_LTA -> signer.signWithBaselineLTAProfile(properties, chain, signature, tsa);
            }
        } catch (IOException | PdfException e) {
            throw ownOr(e, new InvalidSealRequestException("cannot seal this PDF: " + e.getMessage(), e));
        } catch (GeneralSecurityException e) {
            throw new SealServiceException("KEY_UNAVAILABLE", "the seal key cannot sign: " + e.getMessage(), e);
        }
        // the signature timestamp comes first; at LTA a document timestamp follows it
        return new Sealed(out.toByteArray(), tsa.firstTime());
    }

    /**
     * Renews a sealed document's long-term validity (ETSI EN 319 102-1 §5.6.3): appends the validation data (chains
     * and CRLs) of every signature and timestamp in it, the last archive timestamp's included, and a new document
     * timestamp over the whole file, as one more incremental update. The bytes before are left as they were.
     *
     * @throws InvalidSealRequestException when the PDF cannot be read or carries no signature
     */
    public Sealed renew(byte[] pdf) {
        RecordingTsaClient tsa = new RecordingTsaClient(timestampAuthority);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 32 * 1024);
        try {
            if (lastTimestamp(pdf).isEmpty()) {
                throw new InvalidSealRequestException("the document carries no timestamped seal to renew");
            }
            PdfPadesSigner signer = new PdfPadesSigner(new PdfReader(new ByteArrayInputStream(pdf)), out);
            signer.setTrustedCertificates(new ArrayList<>(trustAnchors));
            signer.setIssuingCertificateRetriever(new KnownCertificates(List.of(), trustAnchors));
            signer.setCrlClient(new CrlClient(crlSource));
            signer.prolongSignatures(tsa);
        } catch (IOException | PdfException e) {
            throw ownOr(e, new InvalidSealRequestException("cannot renew this PDF: " + e.getMessage(), e));
        } catch (GeneralSecurityException e) {
            throw new SealServiceException("TIMESTAMP_UNAVAILABLE", "cannot renew: " + e.getMessage(), e);
        }
        return new Sealed(out.toByteArray(), tsa.firstTime());
    }

    /**
     * The document's last timestamp — its newest document timestamp, or the last seal's signature timestamp when it
     * has none — with what it relies on: the time it proves, the end of its certificate chain's validity and its
     * signature algorithm. Empty for a document without a timestamp.
     *
     * @throws InvalidSealRequestException when the PDF cannot be read
     */
    public static Optional<LastTimestamp> lastTimestamp(byte[] pdf) {
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            SignatureUtil signatures = new SignatureUtil(document);
            List<String> names = signatures.getSignatureNames();
            if (names.isEmpty()) {
                return Optional.empty();
            }
            PdfPKCS7 last = signatures.readSignatureData(names.get(names.size() - 1));
            PdfPKCS7 token = last.isTsp() ? last : last.getTimestampSignatureContainer();
            if (token == null) {
                return Optional.empty();
            }
            Instant time = (last.isTsp() ? last.getSignDate() : last.getTimeStampDate()).toInstant();
            Instant expiry = Instant.MAX;
            for (Certificate c : token.getSignCertificateChain()) {
                Instant notAfter = ((X509Certificate) c).getNotAfter().toInstant();
                expiry = notAfter.isBefore(expiry) ? notAfter : expiry;
            }
            return Optional.of(new LastTimestamp(time, expiry, token.getSignatureMechanismName()));
        } catch (IOException | PdfException e) {
            throw new InvalidSealRequestException("cannot read this PDF: " + e.getMessage(), e);
        }
    }

    /** iText wraps what our TSA, CRL source or key threw; those keep their own code. */
    private static RuntimeException ownOr(Exception e, RuntimeException otherwise) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SealServiceException s) {
                return s;
            }
        }
        return otherwise;
    }

    private static void checkPosition(byte[] pdf, SealPosition position) {
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            if (position.page() > document.getNumberOfPages()) {
                throw new InvalidSealRequestException("seal position is on page " + position.page()
                        + " but the document has " + document.getNumberOfPages());
            }
            Rectangle page = document.getPage(position.page()).getPageSize();
            Rectangle seal = new Rectangle(position.x(), position.y(), position.width(), position.height());
            if (!page.contains(seal)) {
                throw new InvalidSealRequestException("seal position lies outside page " + position.page());
            }
        } catch (IOException | PdfException e) {
            throw new InvalidSealRequestException("cannot read this PDF: " + e.getMessage(), e);
        }
    }

    /** Signs through the key source, so a PKCS#11 key signs inside its token. */
    private static final class KeySourceSignature implements IExternalSignature {

        private final KeySource key;
        private final String algorithm;

        KeySourceSignature(KeySource key) {
            this.key = key;
            this.algorithm = Algorithms.jcaSignatureAlgorithm(key.chain().get(0));
        }

        @Override
        public String getDigestAlgorithmName() {
            return "SHA256";
        }

        @Override
        public String getSignatureAlgorithmName() {
            return algorithm.endsWith("ECDSA") ? "ECDSA" : "RSA";
        }

        @Override
        public ISignatureMechanismParams getSignatureMechanismParameters() {
            return null;
        }

        @Override
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            return key.sign(message, algorithm);
        }
    }

    /** Asks our {@link TimestampAuthority} (in-process or over HTTP) and remembers the time it gave. */
    private static final class RecordingTsaClient implements ITSAClient {

        private final TimestampAuthority authority;
        private Instant firstTime;

        RecordingTsaClient(TimestampAuthority authority) {
            this.authority = authority;
        }

        @Override
        public int getTokenSizeEstimate() {
            return 6144;
        }

        @Override
        public MessageDigest getMessageDigest() throws GeneralSecurityException {
            return MessageDigest.getInstance("SHA-256");
        }

        @Override
        public byte[] getTimeStampToken(byte[] imprint) throws IOException, TSPException {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            var request = generator.generate(TSPAlgorithms.SHA256, imprint,
                    new java.math.BigInteger(64, RANDOM));
            TimeStampResponse response = new TimeStampResponse(authority.respond(request.getEncoded()));
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (response.getStatus() != PKIStatus.GRANTED && response.getStatus() != PKIStatus.GRANTED_WITH_MODS
                    || token == null) {
                throw new SealServiceException("TIMESTAMP_UNAVAILABLE", "the TSA refused: "
                        + response.getStatusString());
            }
            if (firstTime == null) {
                firstTime = token.getTimeStampInfo().getGenTime().toInstant();
            }
            return token.getEncoded();
        }

        Instant firstTime() {
            return firstTime;
        }
    }

    /**
     * Finds issuers among the certificates we already hold (the seal's chain, the TSA's, the trust anchors) instead
     * of iText's default, which verifies every candidate and may fetch over the network.
     */
    private static final class KnownCertificates implements IIssuingCertificateRetriever {

        private final List<X509Certificate> known = new ArrayList<>();

        KnownCertificates(List<X509Certificate> chain, List<X509Certificate> anchors) {
            known.addAll(chain);
            known.addAll(anchors);
        }

        @Override
        public Certificate[] retrieveMissingCertificates(Certificate[] chain) {
            List<Certificate> complete = new ArrayList<>(List.of(chain));
            for (Certificate c : chain) {
                if (!known.contains(c)) {
                    known.add((X509Certificate) c);
                }
            }
            X509Certificate last = (X509Certificate) complete.get(complete.size() - 1);
            while (!last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
                X509Certificate issuer = issuerOf(last.getIssuerX500Principal());
                if (issuer == null || complete.contains(issuer) || complete.size() > 8) {
                    break;
                }
                complete.add(issuer);
                last = issuer;
            }
            return complete.toArray(new Certificate[0]);
        }

        @Override
        public Certificate[] getCrlIssuerCertificates(CRL crl) {
            X509Certificate issuer = issuerOf(((X509CRL) crl).getIssuerX500Principal());
            return issuer == null ? new Certificate[0] : new Certificate[] {issuer};
        }

        @Override
        public Certificate[][] getCrlIssuerCertificatesByName(CRL crl) {
            return new Certificate[][] {getCrlIssuerCertificates(crl)};
        }

        @Override
        public void setTrustedCertificates(Collection<Certificate> certificates) {
            for (Certificate c : certificates) {
                if (!known.contains(c)) {
                    known.add((X509Certificate) c);
                }
            }
        }

        private X509Certificate issuerOf(javax.security.auth.x500.X500Principal name) {
            for (X509Certificate c : known) {
                if (c.getSubjectX500Principal().equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** Hands iText the CRLs of our {@link CrlSource}. */
    private static final class CrlClient implements ICrlClient {

        private final CrlSource source;

        CrlClient(CrlSource source) {
            this.source = source;
        }

        @Override
        public Collection<byte[]> getEncoded(X509Certificate certificate, String url) {
            return source.crlsFor(certificate);
        }
    }
}
