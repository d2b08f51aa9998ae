package tongban.seal;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The external judge: the EU DSS library, offline, trusting only our roots, with a validation policy whose PDF
 * checks (ByteRange, collisions, page/visual difference, annotation overlap, DocMDP, FieldMDP, field locks,
 * undefined changes) all FAIL instead of warning.
 */
final class DssJudge {

    private static final String STRICT_CHECKS = "ByteRange|ByteRangeCollision|PdfSignatureDictionary"
            + "|PdfPageDifference|PdfAnnotationOverlap|PdfVisualDifference|DocMDP|FieldMDP|SigFieldLock"
            + "|UndefinedChanges";

    private final CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    private final byte[] policy;

    DssJudge(List<X509Certificate> trustAnchors) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        for (X509Certificate anchor : trustAnchors) {
            trusted.addCertificate(new CertificateToken(anchor));
        }
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        policy = strictPolicy();
    }

    /** The verdict on each signature: its ETSI indication, sub-indication, errors and the format DSS found. */
    record Verdict(String signatureId, Indication indication, String subIndication, List<String> errors,
                   SignatureLevel format) {
    }

    List<Verdict> judge(byte[] pdf) {
        PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf));
        validator.setPdfObjFactory(new PdfBoxDefaultObjectFactory());
        validator.setCertificateVerifier(verifier);
        Reports reports = validator.validateDocument(new ByteArrayInputStream(policy));
        SimpleReport simple = reports.getSimpleReport();
        List<Verdict> verdicts = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            List<String> errors = simple.getAdESValidationErrors(id).stream().map(m -> m.getValue()).toList();
            verdicts.add(new Verdict(id, simple.getIndication(id),
                    simple.getSubIndication(id) == null ? null : simple.getSubIndication(id).name(), errors,
                    simple.getSignatureFormat(id)));
        }
        return verdicts;
    }

    private static byte[] strictPolicy() {
        try (InputStream in = DssJudge.class.getResourceAsStream("/policy/constraint.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String strict = xml.replaceAll("<(" + STRICT_CHECKS + ") Level=\"[A-Z]+\"", "<$1 Level=\"FAIL\"");
            if (strict.equals(xml)) {
                throw new IllegalStateException("the default DSS policy changed: no PDF check found");
            }
            return strict.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
