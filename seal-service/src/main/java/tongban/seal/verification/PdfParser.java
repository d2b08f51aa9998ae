package tongban.seal.verification;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import tongban.seal.verification.PdfObjects.Dict;
import tongban.seal.verification.PdfObjects.Name;
import tongban.seal.verification.PdfObjects.Null;
import tongban.seal.verification.PdfObjects.Ref;
import tongban.seal.verification.PdfObjects.Str;

/**
 * A strict PDF tokenizer and object parser over a byte array. Every loop advances through the bytes and nesting is
 * capped, so parsing is bounded by the input's size whatever it contains.
 */
final class PdfParser {

    static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final int limit;
    private final boolean offsetsMeaningful;
    int pos;

    /**
     * @param offsetsMeaningful true when {@code bytes} is the file itself, so string offsets can be compared with a
     *                          ByteRange; false inside decoded object streams
     */
    PdfParser(byte[] bytes, int start, int limit, boolean offsetsMeaningful) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = limit;
        this.offsetsMeaningful = offsetsMeaningful;
    }

    static boolean isWhitespace(int b) {
        return b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32;
    }

    static boolean isDelimiter(int b) {
        return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}'
                || b == '/' || b == '%';
    }

    boolean atEnd() {
        return pos >= limit;
    }

    int peek() {
        return pos < limit ? bytes[pos] & 0xff : -1;
    }

    /** Skips whitespace and comments. */
    void skipSpace() {
        while (pos < limit) {
            int b = bytes[pos] & 0xff;
            if (isWhitespace(b)) {
                pos++;
            } else if (b == '%') {
                while (pos < limit && bytes[pos] != '\n' && bytes[pos] != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** True (and consumed) when the next token is exactly {@code keyword}. */
    boolean keyword(String keyword) {
        skipSpace();
        int n = keyword.length();
        if (pos + n > limit) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[pos + i] != keyword.charAt(i)) {
                return false;
            }
        }
        if (pos + n < limit) {
            int next = bytes[pos + n] & 0xff;
            if (!isWhitespace(next) && !isDelimiter(next)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    void expect(String keyword) throws MalformedPdfException {
        if (!keyword(keyword)) {
            throw new MalformedPdfException("expected '" + keyword + "' at offset " + pos);
        }
    }

    /** A non-negative integer token (at most 10 digits, below 2^31). */
    int unsignedInt() throws MalformedPdfException {
        skipSpace();
        int start = pos;
        long value = 0;
        while (pos < limit && bytes[pos] >= '0' && bytes[pos] <= '9') {
            value = value * 10 + (bytes[pos] - '0');
            pos++;
            if (pos - start > 10 || value > Integer.MAX_VALUE) {
                throw new MalformedPdfException("integer too large at offset " + start);
            }
        }
        if (pos == start) {
            throw new MalformedPdfException("expected an integer at offset " + start);
        }
        return (int) value;
    }

    /** Parses one direct object (a reference {@code n g R} included). */
    Object object(int depth) throws MalformedPdfException {
        if (depth > MAX_DEPTH) {
            throw new MalformedPdfException("objects nested deeper than " + MAX_DEPTH + " at offset " + pos);
        }
        skipSpace();
        if (atEnd()) {
            throw new MalformedPdfException("unexpected end of data");
        }
        int b = peek();
        int start = pos;
        switch (b) {
            case '/':
                return name();
            case '(':
                return literalString(start);
            case '[': {
                pos++;
                List<Object> list = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (peek() == ']') {
                        pos++;
                        return list;
                    }
                    if (atEnd()) {
                        throw new MalformedPdfException("unterminated array at offset " + start);
                    }
                    list.add(object(depth + 1));
                }
            }
            case '<':
                if (pos + 1 < limit && bytes[pos + 1] == '<') {
                    return dictionary(depth);
                }
                return hexString(start);
            default:
                break;
        }
        if (b == '+' || b == '-' || b == '.' || (b >= '0' && b <= '9')) {
            return numberOrRef();
        }
        if (keyword("true")) {
            return Boolean.TRUE;
        }
        if (keyword("false")) {
            return Boolean.FALSE;
        }
        if (keyword("null")) {
            return Null.INSTANCE;
        }
        throw new MalformedPdfException("unexpected byte 0x" + Integer.toHexString(b) + " at offset " + pos);
    }

    Dict dictionary(int depth) throws MalformedPdfException {
        int start = pos;
        pos += 2;
        Dict dict = new Dict();
        while (true) {
            skipSpace();
            if (pos + 1 < limit && bytes[pos] == '>' && bytes[pos + 1] == '>') {
                pos += 2;
                return dict;
            }
            if (atEnd()) {
                throw new MalformedPdfException("unterminated dictionary at offset " + start);
            }
            if (peek() != '/') {
                throw new MalformedPdfException("dictionary key is not a name at offset " + pos);
            }
            String key = name().value();
            Object value = object(depth + 1);
            // a later duplicate key would be read differently by different readers: refuse it
            if (dict.entries.put(key, value) != null) {
                throw new MalformedPdfException("duplicate key /" + key + " in dictionary at offset " + start);
            }
        }
    }

    private Name name() throws MalformedPdfException {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < limit) {
            int b = bytes[pos] & 0xff;
            if (isWhitespace(b) || isDelimiter(b)) {
                break;
            }
            if (b == '#' && pos + 2 < limit) {
                int hi = Character.digit(bytes[pos + 1], 16);
                int lo = Character.digit(bytes[pos + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedPdfException("bad #xx escape in name at offset " + pos);
                }
                out.write(hi * 16 + lo);
                pos += 3;
            } else {
                out.write(b);
                pos++;
            }
        }
        return new Name(out.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private Str hexString(int start) throws MalformedPdfException {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int high = -1;
        while (true) {
            if (atEnd()) {
                throw new MalformedPdfException("unterminated hex string at offset " + start);
            }
            int b = bytes[pos++] & 0xff;
            if (b == '>') {
                break;
            }
            if (isWhitespace(b)) {
                continue;
            }
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                throw new MalformedPdfException("bad hex digit at offset " + (pos - 1));
            }
            if (high < 0) {
                high = digit;
            } else {
                out.write(high * 16 + digit);
                high = -1;
            }
        }
        if (high >= 0) {
            out.write(high * 16);
        }
        return new Str(out.toByteArray(), offsetsMeaningful ? start : -1, offsetsMeaningful ? pos : -1);
    }

    private Str literalString(int start) throws MalformedPdfException {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int nesting = 0;
        while (true) {
            if (atEnd()) {
                throw new MalformedPdfException("unterminated string at offset " + start);
            }
            int b = bytes[pos++] & 0xff;
            if (b == '\\') {
                if (atEnd()) {
                    throw new MalformedPdfException("unterminated string at offset " + start);
                }
                int e = bytes[pos++] & 0xff;
                switch (e) {
                    case 'n': out.write('\n'); break;
                    case 'r': out.write('\r'); break;
                    case 't': out.write('\t'); break;
                    case 'b': out.write('\b'); break;
                    case 'f': out.write('\f'); break;
                    case '\r':
                        if (peek() == '\n') {
                            pos++;
                        }
                        break;
                    case '\n':
                        break;
                    default:
                        if (e >= '0' && e <= '7') {
                            int value = e - '0';
                            for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; i++) {
                                value = value * 8 + (bytes[pos++] - '0');
                            }
                            out.write(value & 0xff);
                        } else {
                            out.write(e);
                        }
                }
            } else if (b == '(') {
                nesting++;
                out.write(b);
            } else if (b == ')') {
                if (nesting == 0) {
                    break;
                }
                nesting--;
                out.write(b);
            } else {
                out.write(b);
            }
        }
        return new Str(out.toByteArray(), offsetsMeaningful ? start : -1, offsetsMeaningful ? pos : -1);
    }

    private Object numberOrRef() throws MalformedPdfException {
        int start = pos;
        String first = numberToken();
        if (isInteger(first)) {
            int save = pos;
            skipSpace();
            String second = pos < limit && bytes[pos] >= '0' && bytes[pos] <= '9' ? numberToken() : null;
            if (second != null && isInteger(second) && keyword("R")) {
                long number = Long.parseLong(first);
                long generation = Long.parseLong(second);
                if (number < 0 || number > Integer.MAX_VALUE || generation > 65535) {
                    throw new MalformedPdfException("bad reference at offset " + start);
                }
                return new Ref((int) number, (int) generation);
            }
            pos = save;
            return Long.parseLong(first);
        }
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            throw new MalformedPdfException("bad number '" + first + "' at offset " + start);
        }
    }

    private String numberToken() throws MalformedPdfException {
        int start = pos;
        while (pos < limit) {
            int b = bytes[pos] & 0xff;
            if (!(b == '+' || b == '-' || b == '.' || (b >= '0' && b <= '9'))) {
                break;
            }
            pos++;
            if (pos - start > 32) {
                throw new MalformedPdfException("number too long at offset " + start);
            }
        }
        String token = new String(bytes, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII);
        if (token.isEmpty() || token.equals("+") || token.equals("-") || token.equals(".")) {
            throw new MalformedPdfException("bad number at offset " + start);
        }
        return token;
    }

    private static boolean isInteger(String token) {
        if (token.length() > 18) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+'))) {
                return false;
            }
        }
        return token.length() > (token.charAt(0) == '-' || token.charAt(0) == '+' ? 1 : 0);
    }
}
