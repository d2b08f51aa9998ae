package tongban.web;

import java.util.Locale;

/** The page's languages: Chinese by default, English on {@code ?lang=en}. */
public enum Lang {
    ZH("zh-CN", Locale.SIMPLIFIED_CHINESE), EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    Lang(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public static Lang of(String param) {
        return "en".equalsIgnoreCase(param) ? EN : ZH;
    }

    /** From a raw query string such as {@code lang=en&x=1}. */
    public static Lang ofQuery(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equalsIgnoreCase("lang=en")) {
                    return EN;
                }
            }
        }
        return ZH;
    }

    /** The BCP 47 tag for the {@code lang} attribute. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The query string that keeps this language on a link or form: empty for the default. */
    public String query() {
        return this == EN ? "?lang=en" : "";
    }
}
