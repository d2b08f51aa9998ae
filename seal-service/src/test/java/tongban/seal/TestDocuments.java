package tongban.seal;

import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.pdfa.PdfADocument;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import tongban.seal.keys.LocalTestAuthority;
import tongban.seal.keys.Pem;

/** Documents and services the tests share: a PDF/A-3b certificate and an embedded-default seal service. */
final class TestDocuments {

    static final Department MARKET = new Department("shanghai-amr", "上海市市场监督管理局", "电子证照专用章", null);
    static final Department POLICE = new Department("shanghai-psb", "上海市公安局", "电子证照专用章", null);
    /** Written into the certificates as the app would; nothing fetches it, verification is offline. */
    static final URI CRL_BASE_URL = URI.create("http://localhost:8080/api/v1/crl");
    static final SealPosition SEAL_POSITION = new SealPosition(1, 380, 80, 120, 120);

    private TestDocuments() {
    }

    /** The CJK test font: a small Noto Sans SC subset (OFL) committed under test resources. */
    static Path font() {
        try {
            return Path.of(TestDocuments.class.getResource("/fonts/NotoSansSC-Bold-test-subset.ttf").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF/A-3b certificate with embedded CJK font, as the document service produces. */
    static byte[] certificate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfOutputIntent intent = new PdfOutputIntent("Custom", "", "https://www.color.org", "sRGB IEC61966-2.1",
                    new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
            PdfADocument pdf = new PdfADocument(new PdfWriter(out), PdfAConformance.PDF_A_3B, intent);
            pdf.getDocumentInfo().setTitle("营业执照");
            PdfFont font = PdfFontFactory.createFont(font().toString(), "Identity-H",
                    PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
            try (Document document = new Document(pdf)) {
                document.setFont(font);
                document.add(new Paragraph("营业执照").setFontSize(28));
                document.add(new Paragraph("统一社会信用代码 91310000MA1FL0000X"));
                document.add(new Paragraph("名称 上海测试有限公司"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The embedded default under {@code dataDirectory}, with both test departments. */
    static SealService embeddedService(Path dataDirectory, SealAuditLog auditLog) {
        return SealService.start(SealConfig.embedded(dataDirectory, font(), List.of(MARKET, POLICE), CRL_BASE_URL),
                auditLog, Clock.systemUTC());
    }

    /**
     * A production configuration (configured PKCS#12 key, trust anchor file, external TSA) of a local authority made
     * under {@code directory}, whose TSA URL no one answers.
     */
    static SealConfig productionWithUnreachableTsa(Path directory) throws IOException {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(directory.resolve("ca"), List.of(MARKET), null,
                Clock.systemUTC());
        Path anchors = Files.writeString(directory.resolve("anchors.pem"), Pem.write(List.of(authority.root())));
        Department market = new Department(MARKET.id(), MARKET.name(), MARKET.purpose(), authority.sealKey(MARKET.id()));
        return new SealConfig(null, font(), List.of(market), List.of(anchors), URI.create("http://127.0.0.1:9/tsa"),
                null, SealLevel.BASELINE_LT);
    }

    static SealCommand sealCommand(byte[] pdf, SealLevel level) {
        return new SealCommand(MARKET.id(), pdf, SEAL_POSITION, "officer-7", "BL-2026-000001", level);
    }
}
