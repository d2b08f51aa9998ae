package tongban.seal.verification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's own model of PDF objects: just enough to compare revisions exactly. Integers are {@link Long},
 * reals {@link Double}, arrays {@link List}, booleans {@link Boolean}.
 */
final class PdfObjects {

    private PdfObjects() {
    }

    /** The PDF null object. */
    enum Null { INSTANCE }

    /** A name, without its slash and with #xx escapes decoded. */
    record Name(String value) {
    }

    /** An indirect reference. */
    record Ref(int number, int generation) {
        @Override
        public String toString() {
            return number + " " + generation + " R";
        }
    }

    /**
     * A string; {@code start}/{@code end} are its token's offsets in the file (end exclusive), or -1 inside an
     * object stream.
     */
    record Str(byte[] bytes, int start, int end) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Str s && Arrays.equals(bytes, s.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** A dictionary with keys in file order. */
    static final class Dict {
        final Map<String, Object> entries = new LinkedHashMap<>();

        Object get(String key) {
            return entries.get(key);
        }

        String name(String key) {
            return get(key) instanceof Name n ? n.value() : null;
        }

        boolean is(String key, String name) {
            return name.equals(name(key));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dict d && entries.equals(d.entries);
        }

        @Override
        public int hashCode() {
            return entries.hashCode();
        }

        @Override
        public String toString() {
            return entries.toString();
        }
    }

    /** A stream: its dictionary and the raw (encoded) data's position in its container. */
    record Stream(Dict dict, byte[] container, int dataStart, int dataEnd) {
        byte[] raw() {
            return Arrays.copyOfRange(container, dataStart, dataEnd);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stream s && dict.equals(s.dict)
                    && Arrays.equals(container, dataStart, dataEnd, s.container, s.dataStart, s.dataEnd);
        }

        @Override
        public int hashCode() {
            return dict.hashCode();
        }
    }

    /** A short description for change lists, e.g. "Page" or "array". */
    static String describe(Object value) {
        Dict dict = value instanceof Stream s ? s.dict() : value instanceof Dict d ? d : null;
        if (dict != null) {
            String type = dict.name("Type");
            if (type == null && dict.get("Subtype") instanceof Name n) {
                type = n.value();
            }
            if (type == null && dict.get("FT") instanceof Name n) {
                type = "field " + n.value();
            }
            return (value instanceof Stream ? "stream" : "dictionary") + (type == null ? "" : " /" + type);
        }
        if (value instanceof List) {
            return "array";
        }
        return value == null ? "nothing" : value.getClass().getSimpleName().toLowerCase();
    }
}
