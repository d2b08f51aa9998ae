package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template's sample renders to a file veraPDF finds PDF/A-3B compliant. Also the template preview:
 * the PDF and a PNG of each sample are kept in src/target/certificates/ (templates/README.md).
 */
class PdfAConformanceTests {

    static java.util.List<String> types() {
        return Samples.types();
    }

    @ParameterizedTest(name = "the {0} sample is PDF/A-3B compliant")
    @MethodSource("types")
    void theSampleCertificateIsPdfA3bCompliant(String type) throws Exception {
        CertificateDocument document = Samples.render(type);
        Pictures.keep(type, document);

        assertThat(VeraPdf.failuresAsPdfA3b(document.pdf())).isEmpty();
    }
}
