package tongban.documents;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** What a reader of a notice sees: the text of every page, with the line breaks of the layout taken out. */
final class NoticeText {

    private NoticeText() {
    }

    static String of(NoticeDocument notice) throws IOException {
        StringBuilder text = new StringBuilder();
        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(notice.pdf())))) {
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                text.append(PdfTextExtractor.getTextFromPage(pdf.getPage(page)));
            }
        }
        return flat(text.toString());
    }

    /** A text without white space, so that a sentence wrapped over lines or pages still matches. */
    static String flat(String text) {
        return text.replaceAll("\\s+", "");
    }
}
