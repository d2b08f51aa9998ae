package tongban.verification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import tongban.web.Lang;

/**
 * The page's words in each language, from {@code templates/verify/text_<lang>.properties} (UTF-8). Every key of
 * the Chinese file must be in the English one and back; a missing key fails at start-up, not in front of a user.
 */
final class PageText {

    private final Map<Lang, Map<String, String>> texts = new EnumMap<>(Lang.class);

    PageText() {
        for (Lang lang : Lang.values()) {
            texts.put(lang, load("templates/verify/text_" + lang.name().toLowerCase() + ".properties"));
        }
        if (!texts.get(Lang.ZH).keySet().equals(texts.get(Lang.EN).keySet())) {
            throw new IllegalStateException("templates/verify/text_zh.properties and text_en.properties must have the"
                    + " same keys");
        }
    }

    /** All words of one language, for the templates. */
    Map<String, String> all(Lang lang) {
        return texts.get(lang);
    }

    /** One text with {@code {0}}, {@code {1}}… replaced; a missing key is a programming error. */
    String get(Lang lang, String key, Object... args) {
        String text = texts.get(lang).get(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** The text of {@code key}, or of {@code fallback} when there is none (e.g. a code the page has no words for). */
    String getOr(Lang lang, String key, String fallback, Object... args) {
        return texts.get(lang).containsKey(key) ? get(lang, key, args) : get(lang, fallback, args);
    }

    private static Map<String, String> load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = PageText.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return Collections.unmodifiableMap(map);
    }
}
