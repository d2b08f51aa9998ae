package tongban.materials;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * What the bytes are (magic and container detection, no hint from the name), and what the client's declared
 * Content-Type and the file name's extension claim they are. A claim agrees when it is the real type, a more
 * general type of it or a more specific one (text/plain and text/csv); application/octet-stream claims nothing.
 */
record TypeEvidence(MediaType detected, MediaType declared, MediaType named) {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();

    /** Families of programs: every more specific type is one too (PE, ELF, Mach-O fat binaries, Java archives). */
    private static final List<MediaType> PROGRAM_FAMILIES = types("application/x-msdownload", "application/x-elf",
            "application/x-mach-o-universal", "application/java-archive", "application/java-vm", "application/x-dex",
            "application/x-ms-installer");
    /** Scripts and the remaining Mach-O kinds, by exact type: JSON is a text/javascript in Tika's tree. */
    private static final Set<MediaType> PROGRAMS = Set.copyOf(types("application/x-sh", "application/x-csh",
            "application/x-bat", "application/x-java-jnlp-file", "text/x-python", "text/x-perl", "text/x-php",
            "text/x-ruby", "text/x-awk", "text/x-lua", "text/x-tcl", "text/x-vbscript", "text/javascript"));

    static TypeEvidence of(Detector detector, ReceivedFile file) throws IOException {
        MediaType detected;
        try (TikaInputStream in = TikaInputStream.get(file.open())) {
            detected = REGISTRY.normalize(detector.detect(in, new Metadata()));
        }
        return new TypeEvidence(detected, declaredType(file.declaredType()), namedType(file.filename()));
    }

    /** The real type without parameters, as item.yaml writes accepted types. */
    String detectedBaseType() {
        return detected.getBaseType().toString();
    }

    /** Whether the real type, or a more specific type a claim gives it (a .jar, a .sh), is a program. */
    boolean program() {
        return isProgram(detected) || agrees(declared) && isProgram(declared) || agrees(named) && isProgram(named);
    }

    boolean declaredAgrees() {
        return agrees(declared);
    }

    boolean nameAgrees() {
        return agrees(named);
    }

    boolean isA(MediaType family) {
        return REGISTRY.isInstanceOf(detected, family);
    }

    private boolean agrees(MediaType claim) {
        return claim == null || related(claim.getBaseType(), detected.getBaseType());
    }

    private static boolean related(MediaType a, MediaType b) {
        return a.equals(b) || moreSpecific(a, b) || moreSpecific(b, a);
    }

    private static boolean moreSpecific(MediaType type, MediaType general) {
        return !MediaType.OCTET_STREAM.equals(general) && REGISTRY.isSpecializationOf(type, general);
    }

    static boolean isProgram(MediaType type) {
        if (type == null) {
            return false;
        }
        MediaType normal = REGISTRY.normalize(type);
        MediaType base = normal.getBaseType();
        return PROGRAMS.contains(base) || base.getSubtype().startsWith("x-mach-o")
                || PROGRAM_FAMILIES.stream().anyMatch(family -> REGISTRY.isInstanceOf(normal, family));
    }

    private static MediaType declaredType(String declared) {
        MediaType type = declared == null ? null : MediaType.parse(declared.trim().toLowerCase(Locale.ROOT));
        return claim(type);
    }

    private static MediaType namedType(String filename) {
        if (filename == null) {
            return null;
        }
        // only the last path segment: some clients send the whole local path
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        if (name.indexOf('.') < 0) {
            return null;
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            return claim(TYPES.detect(null, metadata));
        } catch (IOException e) {
            throw new IllegalStateException("detection by name reads no stream", e);
        }
    }

    private static MediaType claim(MediaType type) {
        MediaType normal = REGISTRY.normalize(type);
        return normal == null || MediaType.OCTET_STREAM.equals(normal.getBaseType()) ? null : normal;
    }

    private static List<MediaType> types(String... names) {
        return Stream.of(names).map(MediaType::parse).toList();
    }
}
