package tongban.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.http.HttpStatus;
import tongban.platform.ApiProblem;

/**
 * A rule pack uploaded as a zip, read as hostile input: the zip's size, its number of files and what they expand to are
 * counted while reading (never trusted from its headers, so a zip bomb stops at the limit), every name must be a plain
 * relative path inside the pack (no {@code ..}, no absolute or Windows path: no zip-slip, and nothing is ever written
 * to disk), only the files a pack has are accepted, and every file must be UTF-8 text. The pack may sit at the zip's
 * root or in one folder (as zipping the pack's folder makes it).
 */
final class PackZip {

    /** The files of the pack and of its {@code tests/}, by name. */
    record Files(Map<String, String> files, Map<String, String> scenarios) {
    }

    static final int MAX_ZIP_BYTES = 1024 * 1024;
    static final int MAX_ENTRIES = 200;
    static final int MAX_FILE_BYTES = 1024 * 1024;
    static final int MAX_TOTAL_BYTES = 4 * 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern PACK_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(drl|csv|yaml)");
    private static final Pattern SCENARIO_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.ya?ml");

    private PackZip() {
    }

    static Files read(byte[] zip) {
        if (zip.length > MAX_ZIP_BYTES) {
            throw tooLarge("the zip is larger than " + MAX_ZIP_BYTES / 1024 + " KiB");
        }
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K' || zip[2] != 3 || zip[3] != 4) {
            throw invalid("the upload is not a zip file");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = safeName(entry.getName());
                if (entries.size() >= MAX_ENTRIES) {
                    throw tooLarge("the zip holds more than " + MAX_ENTRIES + " entries");
                }
                byte[] content = readCapped(in, MAX_FILE_BYTES, name);
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw tooLarge("the zip expands to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB");
                }
                if (entries.put(name, entry.isDirectory() ? null : content) != null || entries.containsKey(name + "/")) {
                    throw new ApiProblem(HttpStatus.BAD_REQUEST, "PACK_ZIP_DUPLICATE_FILE",
                            "the zip holds '" + name + "' twice", "$.pack", List.of(name));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // a damaged or encrypted entry, a name that is not UTF-8
            throw invalid("the zip cannot be read: " + e.getClass().getSimpleName());
        }
        return layout(entries);
    }

    /** Checks a name before anything is read: relative, '/'-separated segments of plain characters. */
    private static String safeName(String name) {
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        boolean safe = !path.isEmpty() && path.length() <= 300;
        for (String segment : path.split("/", -1)) {
            safe &= NAME.matcher(segment).matches() && !segment.equals("..") && !segment.equals(".");
        }
        if (!safe) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "PACK_ZIP_UNSAFE_PATH", "a name in the zip is not a plain "
                    + "relative path of letters, digits, '.', '_' and '-' (no '..', no absolute or Windows path)",
                    "$.pack", List.of(printable(name)));
        }
        return name;
    }

    private static byte[] readCapped(ZipInputStream in, int max, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > max) {
                throw tooLarge("'" + name + "' expands to more than " + max / 1024 + " KiB");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Strips one enclosing folder, then sorts the files into the pack's and its scenarios; anything else is refused. */
    private static Files layout(Map<String, byte[]> entries) {
        Map<String, byte[]> plain = new LinkedHashMap<>();
        entries.forEach((name, content) -> {
            if (content != null) {
                plain.put(name, content);
            }
        });
        if (!plain.containsKey("item.yaml")) {
            String first = plain.keySet().stream().findFirst().map(n -> n.split("/", 2)[0]).orElse("");
            if (!first.isEmpty() && plain.containsKey(first + "/item.yaml")
                    && plain.keySet().stream().allMatch(n -> n.startsWith(first + "/"))) {
                Map<String, byte[]> inner = new LinkedHashMap<>();
                plain.forEach((name, content) -> inner.put(name.substring(first.length() + 1), content));
                plain.clear();
                plain.putAll(inner);
            }
        }
        if (!plain.containsKey("item.yaml")) {
            throw invalid("the zip holds no item.yaml (the pack's files at its root, or in one folder)");
        }
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> scenarios = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        plain.forEach((name, content) -> {
            if (PACK_FILE.matcher(name).matches()) {
                files.put(name, text(name, content));
            } else if (name.startsWith("tests/") && SCENARIO_FILE.matcher(name.substring(6)).matches()) {
                scenarios.put(name.substring(6), text(name, content));
            } else {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "PACK_ZIP_UNKNOWN_FILE", "a pack holds item.yaml, .drl, .csv "
                    + "and .yaml files and tests/*.yaml scenarios, nothing else", "$.pack", unknown);
        }
        return new Files(files, scenarios);
    }

    private static String text(String name, byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "PACK_ZIP_NOT_TEXT", "'" + name + "' is not UTF-8 text",
                    "$.pack", List.of(name));
        }
    }

    /** A refused name as it can be shown: control and non-ASCII characters as \\uXXXX escapes. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static ApiProblem tooLarge(String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PACK_ZIP_TOO_LARGE", detail, "$.pack", List.of());
    }

    private static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "PACK_ZIP_INVALID", detail, "$.pack", List.of());
    }
}
