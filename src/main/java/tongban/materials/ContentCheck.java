package tongban.materials;

import java.io.ByteArrayInputStream;
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
import org.apache.tika.metadata.TikaCoreProperties;
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
    /** A zip's end of central directory record: it closes the last 64 KiB + 22 bytes of a zip. */
    private static final byte[] ZIP_END = {'P', 'K', 5, 6};
    private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
    private static final int ZIP_END_WINDOW = 65_535 + 22;
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

    /**
     * Parses the whole file; a finding when it is encrypted, damaged, a bomb, too deep or holds a program, has an
     * archive appended to it, or is a PDF with bytes after its end or with active content.
     */
    Finding check(ReceivedFile file, MediaType type, boolean archive) {
        boolean pdf = PDF_TYPE.equals(type.getBaseType());
        byte[] bytes = file.bytes();
        int pdfEnd = pdf ? PdfStructure.endOfLastRevision(bytes) : -1;
        if (pdf && pdfEnd < 0) {
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
        Finding found = inside != null ? inside : failure != null ? failure
                : encryptedEntries ? encrypted() : afterParse(metadata, record);
        if (found == null && !archive) {
            found = appendedArchive(bytes, guard);
        }
        if (found == null && pdf) {
            found = pdfStructure(bytes, pdfEnd);
        }
        return found;
    }

    /**
     * A zip appended to a file that is no archive (a PDF or an image followed by a zip: readers show the first and
     * ignore the rest). Its entries go through the guard, so a program inside is named as such; either way the
     * file is refused: nothing rides along into the archive unseen.
     */
    private static Finding appendedArchive(byte[] bytes, EmbeddedGuard guard) {
        if (PdfStructure.lastIndexOf(bytes, ZIP_END, bytes.length - ZIP_END_WINDOW) < 0) {
            return null;
        }
        int start = PdfStructure.indexOf(bytes, ZIP_ENTRY, 0);
        if (start >= 0) {
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, "the appended archive");
            try {
                guard.parseEmbedded(new ByteArrayInputStream(bytes, start, bytes.length - start),
                        new ToTextContentHandler(), metadata, false);
            } catch (Exception e) {
                log.debug("the archive appended at byte {} did not parse", start, e);
            }
        }
        Finding inside = guard.finding();
        return inside != null ? inside : new Finding(RejectionCode.TRAILING_DATA,
                "an archive is appended after the end of the file; send the file alone");
    }

    /** Bytes after a PDF's last end-of-file marker, then JavaScript or Launch actions. */
    private static Finding pdfStructure(byte[] bytes, int pdfEnd) {
        int trailing = PdfStructure.trailingBytes(bytes, pdfEnd);
        if (trailing > 0) {
            return new Finding(RejectionCode.TRAILING_DATA, "the PDF has " + trailing
                    + " bytes after its end-of-file marker; save it again from the program that made it");
        }
        String active = PdfStructure.activeContent(bytes);
        return active == null ? null : new Finding(RejectionCode.ACTIVE_CONTENT, "the PDF contains " + active
                + ", which would run when it is opened; save or print it as a plain PDF");
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
}
