package tongban.materials;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Every file inside the upload (archive entries, PDF attachments) passes here: it is read through the expansion
 * budget, to its end even when no parser wants it, and refused when it is a program. Tika's own extractor still
 * parses it, so SecureContentHandler sees its package-entry nesting. The first finding is kept: parsers may
 * swallow the exception that stops them, the finding stays.
 */
final class EmbeddedGuard extends ParsingEmbeddedDocumentExtractor {

    private final Detector detector;
    private final ExpansionBudget budget;
    private Finding finding;

    EmbeddedGuard(ParseContext context, Detector detector, ExpansionBudget budget) {
        super(context);
        this.detector = detector;
        this.budget = budget;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        Finding found = finding();
        if (found != null) {
            throw new SAXException("inspection already refused the file: " + found.code());
        }
        try (TemporaryResources tmp = new TemporaryResources()) {
            TikaInputStream entry = TikaInputStream.get(new GuardedStream(stream, budget), tmp, new Metadata());
            MediaType type = detector.detect(entry, new Metadata());
            if (TypeEvidence.isProgram(type)) {
                finding = new Finding(RejectionCode.EXECUTABLE_NOT_ALLOWED, "it contains a program ("
                        + nameOf(metadata) + ", " + type.getBaseType() + "), which is never accepted");
                throw new SAXException(finding.detail());
            }
            if (ContentCheck.hasEncryptedEntries(entry)) {
                finding = ContentCheck.encrypted();
                throw new SAXException(finding.detail());
            }
            super.parseEmbedded(entry, handler, metadata, outputHtml);
            entry.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** What was found inside, or null. */
    Finding finding() {
        if (finding == null && budget.exceeded()) {
            finding = new Finding(RejectionCode.ARCHIVE_BOMB,
                    "its contents expand beyond " + budget.limit() + " bytes (a zip bomb)");
        }
        return finding;
    }

    private static String nameOf(Metadata metadata) {
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        return name == null ? "an embedded file" : name;
    }
}
