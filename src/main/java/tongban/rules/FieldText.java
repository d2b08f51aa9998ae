package tongban.rules;

import java.util.function.IntPredicate;
import tongban.rules.vocabulary.Text;

/**
 * What a text field may hold, whatever the pack declares: one line of characters the documents can print.
 * No control character (NUL, line breaks, tabs), no invisible formatting (bidirectional overrides and isolates,
 * zero-width spaces and joiners, byte-order marks), nothing unassigned, private or half a surrogate pair, and
 * only characters the documents' font draws ({@code printable}, the document service's own test), so that an
 * answer accepted here can always be printed on the certificate.
 */
final class FieldText {

    /** Shown in the service guide beside each text field's {@code maxLength}. */
    static final Text RULE = new Text(
            "文本字段为单行文字，不得含控制字符、双向文字控制符或零宽字符，且只能使用证照字体所含字符（GB 2312 汉字、ASCII、拉丁字母补充、常用标点、全角字符）。",
            "A text field is one line without control, bidirectional or zero-width characters, using only characters"
                    + " of the document font (GB 2312 hanzi, ASCII, Latin-1, general punctuation, full-width forms).");

    private FieldText() {
    }

    /** The problem with {@code value}, or null when it may be a text field's answer. */
    static String problem(String value, int maxLength, IntPredicate printable) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            return "has " + length + " characters; at most " + maxLength + " are allowed";
        }
        int position = 0;
        for (int i = 0; i < value.length(); position++) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            String why = switch (Character.getType(c)) {
                case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                        "is a control character or line break; the field is one line";
                case Character.FORMAT -> "is an invisible formatting character (bidirectional or zero-width)";
                case Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> "is not a character";
                default -> printable.test(c) ? null
                        : "(" + Character.toString(c) + ") is not in the document font, so it cannot be printed";
            };
            if (why != null) {
                return String.format("character %d, U+%04X, %s", position + 1, c, why);
            }
        }
        return null;
    }
}
