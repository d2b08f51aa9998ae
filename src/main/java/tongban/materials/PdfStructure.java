package tongban.materials;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * What a PDF holds besides its pages: bytes after its end-of-file marker (where a zip or a program can ride along,
 * unseen by any reader) and active content, JavaScript and Launch actions, which run when an officer opens it.
 * Attached files are not looked at here: Tika hands each of them to {@link EmbeddedGuard} like an archive entry.
 */
final class PdfStructure {

    private static final byte[] EOF_MARKER = {'%', '%', 'E', 'O', 'F'};
    /** Direct objects nested deeper than this are not real PDF structure; give up rather than recurse for ever. */
    private static final int MAX_NESTING = 64;
    private static final COSName LAUNCH = COSName.getPDFName("Launch");

    private PdfStructure() {
    }

    /** Where the file's last {@code %%EOF} ends, or -1 when it has none (a PDF cut short). */
    static int endOfLastRevision(byte[] pdf) {
        int at = lastIndexOf(pdf, EOF_MARKER, 0);
        return at < 0 ? -1 : at + EOF_MARKER.length;
    }

    /** How many bytes after the last {@code %%EOF} are not PDF white space (NUL, tab, line feed, form feed, CR, space). */
    static int trailingBytes(byte[] pdf, int end) {
        int last = pdf.length;
        while (last > end && isWhiteSpace(pdf[last - 1])) {
            last--;
        }
        return last - end;
    }

    /** The first active content found ("JavaScript", "a Launch action"), or null; an unreadable PDF has none here. */
    static String activeContent(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (COSObjectKey key : java.util.List.copyOf(document.getDocument().getXrefTable().keySet())) {
                COSObject object = document.getDocument().getObjectFromPool(key);
                String found = scan(object.getObject());
                if (found != null) {
                    return found;
                }
            }
            return scan(document.getDocument().getTrailer());
        } catch (InvalidPasswordException e) {
            return null; // encrypted: refused as such by the parse
        } catch (IOException e) {
            return null; // damaged: the parse has its finding
        }
    }

    /** Walks the direct objects of one indirect object; indirect ones are each visited from the cross-reference table. */
    private static String scan(COSBase root) {
        if (root == null) {
            return null;
        }
        Deque<Map.Entry<COSBase, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(root, 0));
        while (!todo.isEmpty()) {
            var next = todo.pop();
            COSBase base = next.getKey();
            int depth = next.getValue();
            if (depth > MAX_NESTING) {
                return null;
            }
            if (base instanceof COSDictionary dictionary) {
                COSBase kind = dictionary.getDictionaryObject(COSName.S);
                if (COSName.JAVA_SCRIPT.equals(kind) || dictionary.containsKey(COSName.JS)
                        || dictionary.containsKey(COSName.JAVA_SCRIPT)) {
                    return "JavaScript";
                }
                if (LAUNCH.equals(kind)) {
                    return "a Launch action (it starts a program)";
                }
                for (COSBase value : dictionary.getValues()) {
                    if (!(value instanceof COSObject)) {
                        todo.push(Map.entry(value, depth + 1));
                    }
                }
            } else if (base instanceof COSArray array) {
                for (COSBase value : array) {
                    if (value != null && !(value instanceof COSObject)) {
                        todo.push(Map.entry(value, depth + 1));
                    }
                }
            }
        }
        return null;
    }

    private static boolean isWhiteSpace(byte b) {
        return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
    }

    /** The last place of {@code pattern} starting at or after {@code notBefore}, or -1. */
    static int lastIndexOf(byte[] bytes, byte[] pattern, int notBefore) {
        for (int i = bytes.length - pattern.length; i >= Math.max(0, notBefore); i--) {
            if (matches(bytes, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = Math.max(0, from); i + pattern.length <= bytes.length; i++) {
            if (matches(bytes, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] bytes, byte[] pattern, int at) {
        for (int j = 0; j < pattern.length; j++) {
            if (bytes[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
