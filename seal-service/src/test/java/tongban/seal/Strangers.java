package tongban.seal;

import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.BouncyCastleDigest;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.PrivateKeySignature;
import com.itextpdf.signatures.SignerProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Someone outside our trust anchors who signs documents with iText's defaults. */
final class Strangers {

    private Strangers() {
    }

    /** {@code pdf} with a second signature by a self-signed "department", appended as an incremental update. */
    static byte[] secondSignature(byte[] pdf) throws Exception {
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
        signer.signDetached(new BouncyCastleDigest(),
                new PrivateKeySignature(pair.getPrivate(), "SHA256", null),
                new Certificate[] {certificate}, null, null, null, 0, PdfSigner.CryptoStandard.CADES);
        return out.toByteArray();
    }
}
