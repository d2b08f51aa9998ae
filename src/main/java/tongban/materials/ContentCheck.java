package tongban.materials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.zip.DefaultZipContainerDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PDF;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.pkg.CompressorParser;
import org.apache.tika.parser.pkg.PackageParser;
import org.apache.tika.parser.pkg.RarParser;
import org.apache.tika.sax.ToTextContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects real types and parses files with Tika under the limits: Tika's SecureContentHandler (compression ratio
 * of the text, XML and package-entry nesting), the expansion budget for bytes inside archives, capped text, and
 * streams and output that stop when the inspection is cancelled. Thread-safe: each parse has its own context.
 */
final class ContentCheck {

    private static final Logger log = LoggerFactory.getLogger(ContentCheck.class);
    private static final MediaType PDF_TYPE = MediaType.application("pdf");
    /** PDF readers look for the end-of-file marker in the last kilobyte; a PDF cut short has none. */
    private static final int PDF_TRAILER_WINDOW = 1024;
    /** PDFBox keeps up to this much of a document in memory, the rest in temporary files. */
    private static final long PDF_MAIN_MEMORY = 64L * 1024 * 1024;

    private final InspectionLimits limits;
    private final Detector detector;
    private final AutoDetectParser parser;
    private final Set<MediaType> archives = new HashSet<>();

    ContentCheck(InspectionLimits limits) {
        this.limits = limits;
        MimeTypes types = MimeTypes.getDefaultMimeTypes();
        ServiceLoader loader = new ServiceLoader(ContentCheck.class.getClassLoader());
        DefaultDetector detector = new DefaultDetector(types, loader);
        // zips are identified from their central directory, never by inflating entries (a bomb inflates for ever)
        detector.getDetectors().stream().filter(DefaultZipContainerDetector.class::isInstance)
                .forEach(zip -> ((DefaultZipContainerDetector) zip).setMarkLimit(0));
        this.detector = detector;
        // RAR needs junrar, which is not open source and not on the classpath: RAR files stay unparsed
        DefaultParser parsers = new DefaultParser(types.getMediaTypeRegistry(), loader, List.of(RarParser.class));
        this.parser = new AutoDetectParser(detector, parsers);
        AutoDetectParserConfig config = new AutoDetectParserConfig(null, ExpansionBudget.THRESHOLD,
                limits.maxCompressionRatio(), null, limits.maxArchiveDepth() + 1);
        config.setThrowOnZeroBytes(false);
        parser.setAutoDetectParserConfig(config);
        ParseContext none = new ParseContext();
        archives.addAll(new PackageParser().getSupportedTypes(none));
        archives.addAll(new CompressorParser().getSupportedTypes(none));
    }

    Detector detector() {
        return detector;
    }

    /** Whether the real type is an archive or compressed file, whose contents are always checked. */
    boolean isArchive(TypeEvidence types) {
        return archives.stream().anyMatch(types::isA);
    }

    /** Parses the whole file; a finding when it is encrypted, damaged, a bomb, too deep or holds a program. */
    Finding check(ReceivedFile file, MediaType type) {
        if (PDF_TYPE.equals(type.getBaseType()) && !endsWithPdfTrailer(file)) {
            return new Finding(RejectionCode.MALFORMED, "the PDF is truncated: it has no end-of-file marker");
        }
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        EmbeddedGuard guard = new EmbeddedGuard(context, detector,
                ExpansionBudget.of(file.size(), limits.maxCompressionRatio()));
        context.set(EmbeddedDocumentExtractor.class, guard);
        context.set(PDFParserConfig.class, pdfConfig());
        ParseRecord record = new ParseRecord();
        context.set(ParseRecord.class, record);
        Metadata metadata = new Metadata();
        // the text itself is not kept: parsing it is what walks the whole file; the cap bounds what it holds
        WriteOutContentHandler text = new WriteOutContentHandler(new ToTextContentHandler(), limits.maxTextChars(),
                false, context);
        Finding failure = null;
        boolean encryptedEntries = false;
        try (TikaInputStream in = TikaInputStream.get(new GuardedStream(file.open(), ExpansionBudget.unlimited()))) {
            parser.parse(in, new CancellableHandler(text), metadata, context);
            encryptedEntries = hasEncryptedEntries(in);
        } catch (Exception | StackOverflowError e) {
            // StackOverflowError: a hostile file can nest structures deeper than a parser recurses safely
            log.debug("{} ({}) did not parse", file, type, e);
            failure = classify(e, type);
        }
        Finding inside = guard.finding();
        return inside != null ? inside : failure != null ? failure
                : encryptedEntries ? encrypted() : afterParse(metadata, record);
    }

    /** Whether the stream was opened as a zip (by container detection) that has password-protected entries. */
    static boolean hasEncryptedEntries(TikaInputStream in) {
        return in.getOpenContainer() instanceof ZipFile zip && Collections.list(zip.getEntries()).stream()
                .anyMatch(entry -> entry.getGeneralPurposeBit().usesEncryption());
    }

    static Finding encrypted() {
        return new Finding(RejectionCode.ENCRYPTED,
                "it is encrypted or password-protected, or holds such a file; upload it without a password");
    }

    private static Finding afterParse(Metadata metadata, ParseRecord record) {
        if ("true".equals(metadata.get(PDF.IS_ENCRYPTED))) {
            return new Finding(RejectionCode.ENCRYPTED,
                    "the PDF is encrypted; upload it without a password or restrictions");
        }
        // failures inside archives and attachments that Tika's extractor recorded instead of throwing
        for (Exception e : record.getExceptions()) {
            Finding found = securityFinding(e);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Finding classify(Throwable e, MediaType type) {
        Finding found = securityFinding(e);
        return found != null ? found : new Finding(RejectionCode.MALFORMED,
                "it is damaged or not a valid " + type.getBaseType() + " file");
    }

    /** Encryption and bombs, wherever in the chain of causes Tika reports them. */
    private static Finding securityFinding(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return encrypted();
            }
            String message = t.getMessage();
            if (message != null && message.startsWith("Suspected zip bomb")) {
                return message.contains("package entry nesting")
                        ? new Finding(RejectionCode.ARCHIVE_TOO_DEEP, "its archives are nested deeper than allowed")
                        : new Finding(RejectionCode.ARCHIVE_BOMB, "its contents expand far beyond its size (a zip bomb)");
            }
        }
        return null;
    }

    private static PDFParserConfig pdfConfig() {
        PDFParserConfig config = new PDFParserConfig();
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        config.setMaxMainMemoryBytes(PDF_MAIN_MEMORY);
        return config;
    }

    private static boolean endsWithPdfTrailer(ReceivedFile file) {
        try (InputStream in = file.open()) {
            in.skipNBytes(Math.max(0, file.size() - PDF_TRAILER_WINDOW));
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("%%EOF");
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory", e);
        }
    }
}
