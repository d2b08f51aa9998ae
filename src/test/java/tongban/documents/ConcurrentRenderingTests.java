package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One renderer serves many requests at once: the font programs are shared, each document's subset is not. */
class ConcurrentRenderingTests {

    @Test
    void certificatesRenderedAtTheSameTimeEachCarryTheirOwnHolder() throws Exception {
        List<String> types = Samples.types();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String type = types.get(i % types.size());
                texts.add(pool.submit(() -> {
                    try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(
                            Samples.render(type).pdf())))) {
                        return PdfTextExtractor.getTextFromPage(pdf.getPage(1));
                    }
                }));
            }
            for (int i = 0; i < texts.size(); i++) {
                CertificateData sample = Samples.sample(types.get(i % types.size()));
                assertThat(texts.get(i).get()).contains(sample.holderName(), sample.number());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
