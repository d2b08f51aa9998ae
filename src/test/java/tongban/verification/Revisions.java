package tongban.verification;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.signatures.BouncyCastleDigest;
import com.itextpdf.signatures.CrlClientOffline;
import com.itextpdf.signatures.ITSAClient;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.PrivateKeySignature;
import com.itextpdf.signatures.SignerProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import tongban.seal.SealService;
import tongban.seal.TimestampAuthority;

/** Later revisions of sealed PDFs, made with iText as a holder, a validator or a forger would make them. */
final class Revisions {

    private Revisions() {
    }

    /** An incremental update (append mode) that paints a white box over the certificate's text on page 1. */
    static byte[] pageContentChanged(byte[] pdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)), new PdfWriter(out),
                new StampingProperties().useAppendMode())) {
            new PdfCanvas(document.getPage(1)).saveState().setFillColorRgb(1, 1, 1)
                    .rectangle(60, 420, 400, 120).fill().restoreState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same bytes with one byte of the signed content flipped (inside the document title). */
    static byte[] oneByteChanged(byte[] pdf) {
        byte[] copy = pdf.clone();
        String text = new String(copy, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("/Title") + 8;
        copy[at] = (byte) (copy[at] ^ 0x01);
        return copy;
    }

    /** What a long-term validator appends: validation data and a document timestamp from our own TSA. */
    static byte[] validationDataAdded(byte[] pdf, SealService seals) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfPadesSigner prolonger = new PdfPadesSigner(new PdfReader(new ByteArrayInputStream(pdf)), out);
            prolonger.setCrlClient(new CrlClientOffline(seals.revocationLists().get(0).der()));
            prolonger.setTrustedCertificates(new ArrayList<>(seals.trustAnchors()));
            prolonger.prolongSignatures(new OwnTsa(seals.timestampAuthority().orElseThrow()));
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pdf} signed (appended, or as the only signature) by a self-signed "department" we never registered. */
    static byte[] signedByStranger(byte[] pdf) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=上海市市场监督管理局 电子证照专用章, O=Forged, C=CN");
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(Instant.now().minusSeconds(3600)),
                            Date.from(Instant.now().plusSeconds(86400)), name, pair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfSigner signer = new PdfSigner(new PdfReader(new ByteArrayInputStream(pdf)), out,
                    new StampingProperties().useAppendMode());
            signer.setSignerProperties(new SignerProperties().setFieldName("forged"));
            signer.signDetached(new BouncyCastleDigest(), new PrivateKeySignature(pair.getPrivate(), "SHA256", null),
                    new Certificate[] {certificate}, null, null, null, 0, PdfSigner.CryptoStandard.CADES);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets iText ask the seal service's own TSA, as a validator would over HTTP. */
    private record OwnTsa(TimestampAuthority authority) implements ITSAClient {

        @Override
        public int getTokenSizeEstimate() {
            return 6144;
        }

        @Override
        public MessageDigest getMessageDigest() throws GeneralSecurityException {
            return MessageDigest.getInstance("SHA-256");
        }

        @Override
        public byte[] getTimeStampToken(byte[] imprint) throws Exception {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint,
                    new BigInteger(64, new SecureRandom()));
            TimeStampResponse response = new TimeStampResponse(authority.respond(request.getEncoded()));
            response.validate(request);
            return response.getTimeStampToken().getEncoded();
        }
    }
}
