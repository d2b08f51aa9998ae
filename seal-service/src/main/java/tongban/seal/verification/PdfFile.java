package tongban.seal.verification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tongban.seal.verification.PdfObjects.Dict;
import tongban.seal.verification.PdfObjects.Null;
import tongban.seal.verification.PdfObjects.Ref;
import tongban.seal.verification.PdfObjects.Stream;

/**
 * A PDF split into its revisions (the original and each incremental update), read from the bytes alone: every
 * revision is an xref section (table or stream) followed by {@code startxref <offset> %%EOF}, chained by /Prev.
 * Nothing is repaired: a structure that does not parse is {@link MalformedPdfException}.
 */
final class PdfFile {

    private static final int MAX_REVISIONS = 1000;
    private static final int MAX_EOF_CANDIDATES = 8;
    /** All streams one verification decodes, together: bounds the work whatever the file holds. */
    private static final long DECODE_BUDGET = 64L * 1024 * 1024;

    enum Kind { FREE, IN_USE, COMPRESSED }

    /** An xref entry: IN_USE (offset, generation), COMPRESSED (object stream number, index) or FREE. */
    record Entry(Kind kind, long first, int second) {
    }

    /**
     * One revision.
     *
     * @param start      where its bytes begin (the previous revision's end)
     * @param xrefOffset where its xref section begins (its startxref value)
     * @param eofEnd     just after its {@code %%EOF}
     * @param end        after the end-of-line that follows {@code %%EOF}, if any
     */
    record Revision(int index, int start, int xrefOffset, int eofEnd, int end, Map<Integer, Entry> entries,
                    Dict trailer) {
    }

    final byte[] bytes;
    final List<Revision> revisions;
    /** Offset of the first byte after the last revision; equals the length when nothing trails. */
    final int trailingStart;

    private final List<Map<Integer, Entry>> views = new ArrayList<>();
    private final Map<Integer, Object> parsedAt = new HashMap<>();
    private final Map<Integer, List<Object>> objectStreams = new HashMap<>();
    private final Set<Integer> resolving = new HashSet<>();
    private long decoded;

    private PdfFile(byte[] bytes, List<Revision> revisions, int trailingStart) {
        this.bytes = bytes;
        this.revisions = revisions;
        this.trailingStart = trailingStart;
    }

    static PdfFile parse(byte[] bytes) throws MalformedPdfException {
        MalformedPdfException first = null;
        // one probe for all attempts, so they share a single decoding budget
        PdfFile probe = new PdfFile(bytes, List.of(), 0);
        int searchFrom = bytes.length;
        for (int attempt = 0; attempt < MAX_EOF_CANDIDATES; attempt++) {
            int eof = lastIndexOf(bytes, "%%EOF", searchFrom);
            if (eof < 0) {
                break;
            }
            try {
                return parseEndingAt(probe, eof);
            } catch (MalformedPdfException e) {
                if (first == null) {
                    first = e;
                }
            }
            searchFrom = eof - 1;
        }
        throw first != null ? first : new MalformedPdfException("no %%EOF marker");
    }

    private static PdfFile parseEndingAt(PdfFile file, int eof) throws MalformedPdfException {
        byte[] bytes = file.bytes;
        int keyword = lastIndexOf(bytes, "startxref", eof);
        if (keyword < 0 || eof - keyword > 64) {
            throw new MalformedPdfException("no startxref before the %%EOF at " + eof);
        }
        PdfParser parser = new PdfParser(bytes, keyword + "startxref".length(), bytes.length, true);
        int offset = parser.unsignedInt();
        List<Revision> chain = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Integer next = offset;
        while (next != null) {
            if (!seen.add(next) || chain.size() >= MAX_REVISIONS) {
                throw new MalformedPdfException("xref /Prev chain loops or is too long");
            }
            Revision section = file.section(next);
            chain.add(0, section);
            Object prev = section.trailer().get("Prev");
            if (prev == null) {
                next = null;
            } else if (prev instanceof Long p && p >= 0 && p < section.xrefOffset()) {
                next = (int) (long) p;
            } else {
                throw new MalformedPdfException("bad /Prev " + prev + " in the trailer at " + section.xrefOffset());
            }
        }
        if (chain.get(chain.size() - 1).eofEnd() != eof + 5) {
            throw new MalformedPdfException("the last xref section does not end at the last %%EOF");
        }
        List<Revision> revisions = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < chain.size(); i++) {
            Revision r = chain.get(i);
            if (r.xrefOffset() < start) {
                throw new MalformedPdfException("xref sections out of order at " + r.xrefOffset());
            }
            revisions.add(new Revision(i, start, r.xrefOffset(), r.eofEnd(), r.end(), r.entries(), r.trailer()));
            start = r.end();
        }
        PdfFile parsed = new PdfFile(bytes, List.copyOf(revisions), start);
        parsed.decoded = file.decoded;
        return parsed;
    }

    /** The decoded data of a stream, counted against the file's decoding budget. */
    byte[] decode(Stream stream) throws MalformedPdfException {
        byte[] data = Filters.decode(stream, DECODE_BUDGET - decoded);
        decoded += data.length;
        return data;
    }

    /** The merged xref of revisions 0..revision. */
    Map<Integer, Entry> view(int revision) {
        while (views.size() <= revision) {
            Map<Integer, Entry> merged = new HashMap<>(views.isEmpty() ? Map.of() : views.get(views.size() - 1));
            merged.putAll(revisions.get(views.size()).entries());
            views.add(merged);
        }
        return views.get(revision);
    }

    Revision last() {
        return revisions.get(revisions.size() - 1);
    }

    /** Object {@code number} as seen in {@code revision}; {@link Null#INSTANCE} when free or absent. */
    Object object(int number, int revision) throws MalformedPdfException {
        Entry entry = view(revision).get(number);
        if (entry == null || entry.kind() == Kind.FREE) {
            return Null.INSTANCE;
        }
        if (entry.kind() == Kind.IN_USE) {
            return indirect(entry, number, revision);
        }
        return compressed(entry, number, revision);
    }

    /** Follows a reference (one level) in {@code revision}; other values are returned as they are. */
    Object resolve(Object value, int revision) throws MalformedPdfException {
        return value instanceof Ref ref ? object(ref.number(), revision) : value;
    }

    Dict dict(Object value, int revision) throws MalformedPdfException {
        Object resolved = resolve(value, revision);
        if (resolved instanceof Stream s) {
            return s.dict();
        }
        return resolved instanceof Dict d ? d : null;
    }

    private Object indirect(Entry entry, int number, int revision) throws MalformedPdfException {
        int offset = checkedOffset(entry.first());
        Object cached = parsedAt.get(offset);
        if (cached != null) {
            return cached;
        }
        if (!resolving.add(offset)) {
            throw new MalformedPdfException("object " + number + " refers to itself while being read");
        }
        try {
            PdfParser parser = new PdfParser(bytes, offset, bytes.length, true);
            int n = parser.unsignedInt();
            int g = parser.unsignedInt();
            parser.expect("obj");
            if (n != number || g != entry.second()) {
                throw new MalformedPdfException("xref entry of object " + number + " points at object " + n + " " + g);
            }
            Object value = parser.object(0);
            if (value instanceof Dict dict && parser.keyword("stream")) {
                value = streamBody(parser, dict, revision);
            }
            parser.expect("endobj");
            parsedAt.put(offset, value);
            return value;
        } finally {
            resolving.remove(offset);
        }
    }

    private Stream streamBody(PdfParser parser, Dict dict, int revision) throws MalformedPdfException {
        if (parser.peek() == '\r') {
            parser.pos++;
        }
        if (parser.peek() != '\n') {
            throw new MalformedPdfException("stream keyword not followed by end-of-line at " + parser.pos);
        }
        parser.pos++;
        int dataStart = parser.pos;
        Object length = resolve(dict.get("Length"), revision);
        if (!(length instanceof Long l) || l < 0 || l > bytes.length - dataStart) {
            throw new MalformedPdfException("bad stream /Length " + length + " at " + dataStart);
        }
        int dataEnd = dataStart + (int) (long) l;
        parser.pos = dataEnd;
        parser.expect("endstream");
        return new Stream(dict, bytes, dataStart, dataEnd);
    }

    private Object compressed(Entry entry, int number, int revision) throws MalformedPdfException {
        if (entry.first() < 0 || entry.first() > Integer.MAX_VALUE) {
            throw new MalformedPdfException("bad object stream number for object " + number);
        }
        int streamNumber = (int) entry.first();
        Entry streamEntry = view(revision).get(streamNumber);
        if (streamEntry == null || streamEntry.kind() != Kind.IN_USE) {
            throw new MalformedPdfException("object stream " + streamNumber + " of object " + number + " is missing");
        }
        int key = checkedOffset(streamEntry.first());
        List<Object> objects = objectStreams.get(key);
        if (objects == null) {
            objects = readObjectStream(indirect(streamEntry, streamNumber, revision), streamNumber);
            objectStreams.put(key, objects);
        }
        int index = entry.second();
        if (index < 0 || index >= objects.size() / 2) {
            throw new MalformedPdfException("object " + number + " is not in object stream " + streamNumber);
        }
        if (!(objects.get(2 * index) instanceof Integer n) || n != number) {
            throw new MalformedPdfException("object stream " + streamNumber + " holds another object at " + index);
        }
        return objects.get(2 * index + 1);
    }

    /** Alternating object numbers and objects. */
    private List<Object> readObjectStream(Object value, int streamNumber) throws MalformedPdfException {
        if (!(value instanceof Stream stream) || !stream.dict().is("Type", "ObjStm")) {
            throw new MalformedPdfException("object " + streamNumber + " is not an object stream");
        }
        Object n = stream.dict().get("N");
        Object first = stream.dict().get("First");
        byte[] data = decode(stream);
        if (!(n instanceof Long count) || !(first instanceof Long firstOffset) || count < 0
                || count > data.length / 2 || firstOffset < 0 || firstOffset > data.length) {
            throw new MalformedPdfException("bad object stream header in object " + streamNumber);
        }
        PdfParser header = new PdfParser(data, 0, (int) (long) firstOffset, false);
        List<Object> result = new ArrayList<>();
        int[] numbers = new int[(int) (long) count];
        int[] offsets = new int[(int) (long) count];
        for (int i = 0; i < count; i++) {
            numbers[i] = header.unsignedInt();
            offsets[i] = header.unsignedInt();
        }
        for (int i = 0; i < count; i++) {
            long at = firstOffset + offsets[i];
            if (at >= data.length) {
                throw new MalformedPdfException("object stream " + streamNumber + " offset out of range");
            }
            PdfParser parser = new PdfParser(data, (int) at, data.length, false);
            result.add(numbers[i]);
            result.add(parser.object(0));
        }
        return result;
    }

    private int checkedOffset(long offset) throws MalformedPdfException {
        if (offset < 0 || offset >= bytes.length) {
            throw new MalformedPdfException("xref offset " + offset + " outside the file");
        }
        return (int) offset;
    }

    /** Parses the xref section at {@code offset} and the {@code startxref ... %%EOF} after it. */
    private Revision section(int offset) throws MalformedPdfException {
        int at = checkedOffset(offset);
        PdfParser parser = new PdfParser(bytes, at, bytes.length, true);
        Map<Integer, Entry> entries = new HashMap<>();
        Dict trailer;
        if (parser.keyword("xref")) {
            while (!parser.keyword("trailer")) {
                int first = parser.unsignedInt();
                int count = parser.unsignedInt();
                if (count > (bytes.length - parser.pos) / 18 + 1) {
                    throw new MalformedPdfException("xref subsection longer than the file at " + parser.pos);
                }
                for (int i = 0; i < count; i++) {
                    int entryOffset = parser.unsignedInt();
                    int generation = parser.unsignedInt();
                    Kind kind;
                    if (parser.keyword("n")) {
                        kind = Kind.IN_USE;
                    } else if (parser.keyword("f")) {
                        kind = Kind.FREE;
                    } else {
                        throw new MalformedPdfException("bad xref entry at " + parser.pos);
                    }
                    if (entries.put(first + i, new Entry(kind, entryOffset, generation)) != null) {
                        throw new MalformedPdfException("object " + (first + i) + " listed twice in one xref");
                    }
                }
            }
            parser.skipSpace();
            if (!(parser.object(0) instanceof Dict d)) {
                throw new MalformedPdfException("trailer is not a dictionary at " + parser.pos);
            }
            trailer = d;
            if (trailer.get("XRefStm") instanceof Long hybrid) {
                PdfFile.Revision stream = streamSection(checkedOffset(hybrid));
                stream.entries().forEach(entries::putIfAbsent);
            }
        } else {
            Revision stream = streamSection(at);
            entries = stream.entries();
            trailer = stream.trailer();
            parser.pos = stream.eofEnd();
        }
        parser.expect("startxref");
        if (parser.unsignedInt() != offset) {
            throw new MalformedPdfException("startxref after the section at " + offset + " points elsewhere");
        }
        while (!parser.atEnd() && PdfParser.isWhitespace(parser.peek())) {
            parser.pos++;
        }
        if (!startsWith(bytes, parser.pos, "%%EOF")) {
            throw new MalformedPdfException("no %%EOF after the xref section at " + offset);
        }
        int eofEnd = parser.pos + 5;
        int end = eofEnd;
        if (end < bytes.length && bytes[end] == '\r') {
            end++;
        }
        if (end < bytes.length && bytes[end] == '\n') {
            end++;
        }
        if (trailer.get("Encrypt") != null) {
            throw new MalformedPdfException("encrypted documents are not accepted");
        }
        return new Revision(-1, -1, offset, eofEnd, end, Map.copyOf(entries), trailer);
    }

    /** An xref stream at {@code offset}; eofEnd holds the position just after its endobj. */
    private Revision streamSection(int offset) throws MalformedPdfException {
        PdfParser parser = new PdfParser(bytes, offset, bytes.length, true);
        int number = parser.unsignedInt();
        int generation = parser.unsignedInt();
        parser.expect("obj");
        if (!(parser.object(0) instanceof Dict dict) || !dict.is("Type", "XRef") || !parser.keyword("stream")) {
            throw new MalformedPdfException("no xref table or xref stream at " + offset);
        }
        if (dict.get("Length") instanceof Ref) {
            throw new MalformedPdfException("xref stream with an indirect /Length at " + offset);
        }
        Stream stream = streamBody(parser, dict, 0);
        parser.expect("endobj");
        byte[] data = decode(stream);
        if (!(dict.get("W") instanceof List<?> w) || w.size() != 3) {
            throw new MalformedPdfException("bad /W in the xref stream at " + offset);
        }
        int[] widths = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!(w.get(i) instanceof Long l) || l < 0 || l > 8) {
                throw new MalformedPdfException("bad /W in the xref stream at " + offset);
            }
            widths[i] = (int) (long) l;
        }
        int rowLength = widths[0] + widths[1] + widths[2];
        if (rowLength == 0) {
            throw new MalformedPdfException("empty /W in the xref stream at " + offset);
        }
        List<Long> index = new ArrayList<>();
        if (dict.get("Index") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Long l) || l < 0) {
                    throw new MalformedPdfException("bad /Index in the xref stream at " + offset);
                }
                index.add(l);
            }
        } else if (dict.get("Size") instanceof Long size) {
            index.add(0L);
            index.add(size);
        }
        if (index.size() % 2 != 0) {
            throw new MalformedPdfException("bad /Index in the xref stream at " + offset);
        }
        Map<Integer, Entry> entries = new HashMap<>();
        int row = 0;
        for (int i = 0; i < index.size(); i += 2) {
            long first = index.get(i);
            long count = index.get(i + 1);
            if (count > data.length / rowLength || first + count > Integer.MAX_VALUE) {
                throw new MalformedPdfException("xref stream /Index beyond its data at " + offset);
            }
            for (long k = 0; k < count; k++, row++) {
                int p = row * rowLength;
                if (p + rowLength > data.length) {
                    throw new MalformedPdfException("xref stream data too short at " + offset);
                }
                long type = widths[0] == 0 ? 1 : field(data, p, widths[0]);
                long f2 = field(data, p + widths[0], widths[1]);
                long f3 = field(data, p + widths[0] + widths[1], widths[2]);
                Kind kind = type == 0 ? Kind.FREE : type == 1 ? Kind.IN_USE : type == 2 ? Kind.COMPRESSED : null;
                if (kind == null) {
                    continue;
                }
                if (f3 > Integer.MAX_VALUE) {
                    throw new MalformedPdfException("bad xref stream entry at " + offset);
                }
                if (entries.put((int) (first + k), new Entry(kind, f2, (int) f3)) != null) {
                    throw new MalformedPdfException("object " + (first + k) + " listed twice in one xref");
                }
            }
        }
        entries.put(number, new Entry(Kind.IN_USE, offset, generation));
        return new Revision(-1, -1, offset, parser.pos, parser.pos, entries, dict);
    }

    private static long field(byte[] data, int at, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[at + i] & 0xff);
        }
        return value;
    }

    static boolean startsWith(byte[] bytes, int at, String text) {
        if (at < 0 || at + text.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Last index of {@code text} starting before {@code before}, or -1. */
    static int lastIndexOf(byte[] bytes, String text, int before) {
        for (int i = Math.min(before, bytes.length) - text.length(); i >= 0; i--) {
            if (startsWith(bytes, i, text)) {
                return i;
            }
        }
        return -1;
    }
}
