package tongban.verification;

import com.itextpdf.kernel.pdf.MemoryLimitsAwareHandler;
import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.ReaderProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import tongban.identity.IdNumberDigest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a certificate says about itself: the {@code certificate.json} the document service attaches to every
 * certificate (associated file, AFRelationship Data). Read only from a file the verification core found intact
 * and sealed by one of our seals, so the seal vouches for it; anything else is not looked into.
 *
 * @param certificateId the registry id the certificate was issued under (its QR code's)
 * @param holder        the holder's identifier as attached (format 2 onwards); null for a notice or an older file
 */
record EmbeddedCertificateData(String certificateId, String type, String number, Verification.Holder holder) {

    static final String FILE_NAME = "certificate.json";
    /** A notice (告知书, 决定书) is registered like a certificate, under the documentId of its notice.json. */
    static final String NOTICE_FILE_NAME = "notice.json";
    private static final String FORMAT = "tongban-certificate-data/2";
    // certificates issued before the holder's ID number was masked: their holder is not read, never shown
    private static final String FORMAT_1 = "tongban-certificate-data/1";
    private static final int MAX_JSON_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The attached data, or empty when the PDF carries none (a sealed document that is not a certificate). */
    static Optional<EmbeddedCertificateData> read(byte[] pdf) {
        MemoryLimitsAwareHandler limits = new MemoryLimitsAwareHandler();
        limits.setMaxSizeOfSingleDecompressedPdfStream(4 * 1024 * 1024);
        limits.setMaxSizeOfDecompressedPdfStreamsSum(16L * 1024 * 1024);
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf),
                new ReaderProperties().setMemoryLimitsAwareHandler(limits)))) {
            PdfArray associated = document.getCatalog().getPdfObject().getAsArray(PdfName.AF);
            if (associated == null) {
                return Optional.empty();
            }
            for (int i = 0; i < associated.size(); i++) {
                PdfDictionary spec = associated.getAsDictionary(i);
                if (spec != null && PdfName.Data.equals(spec.getAsName(PdfName.AFRelationship))
                        && (FILE_NAME.equals(name(spec)) || NOTICE_FILE_NAME.equals(name(spec)))) {
                    return parse(spec, NOTICE_FILE_NAME.equals(name(spec)));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // the core has read this file already; a reader that cannot is not evidence of anything
            return Optional.empty();
        }
    }

    private static String name(PdfDictionary spec) {
        PdfString name = spec.getAsString(PdfName.UF) != null ? spec.getAsString(PdfName.UF) : spec.getAsString(PdfName.F);
        return name == null ? null : name.toUnicodeString();
    }

    private static Optional<EmbeddedCertificateData> parse(PdfDictionary spec, boolean notice) {
        PdfDictionary files = spec.getAsDictionary(PdfName.EF);
        PdfStream stream = files == null ? null : files.getAsStream(PdfName.F);
        if (stream == null || stream.getLength() > MAX_JSON_BYTES) {
            return Optional.empty();
        }
        byte[] bytes = stream.getBytes();
        if (bytes.length > MAX_JSON_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(bytes);
            if (notice) {
                String id = json.path("documentId").asString(null);
                String number = json.path("number").asString(null);
                return id == null || number == null ? Optional.empty()
                        : Optional.of(new EmbeddedCertificateData(id, "notice", number, null));
            }
            String format = json.path("format").asString(null);
            if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
                return Optional.empty();
            }
            String id = json.path("certificateId").asString(null);
            String type = json.path("type").asString(null);
            String number = json.path("number").asString(null);
            return id == null || type == null || number == null ? Optional.empty()
                    : Optional.of(new EmbeddedCertificateData(id, type, number,
                    FORMAT.equals(format) ? holder(json.path("holder")) : null));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Verification.Holder holder(JsonNode holder) {
        String kind = holder.path("idKind").asString(null);
        if ("credit-code".equals(kind)) {
            String code = holder.path("id").asString(null);
            return code == null ? null : new Verification.Holder(kind, code, null, null);
        }
        if ("resident-id".equals(kind)) {
            String masked = holder.path("idMasked").asString(null);
            IdNumberDigest digest = IdNumberDigest.read(holder.path("idDigest"));
            return masked == null || digest == null ? null : new Verification.Holder(kind, null, masked, digest);
        }
        return null;
    }
}
