package tongban.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tongban.rules.vocabulary.Text;
import tongban.web.Lang;

/** The portal's texts in the page's language: the pages' messages and a pack's two-language texts. */
@Component
class PageTexts {

    private final MessageSource messages;

    PageTexts(MessageSource messages) {
        this.messages = messages;
    }

    static Lang lang(HttpServletRequest request) {
        return Lang.ofQuery(request.getQueryString());
    }

    static String of(Text text, Lang lang) {
        if (text == null) {
            return null;
        }
        return lang == Lang.EN && text.en() != null ? text.en() : text.zh();
    }

    String message(Lang lang, String key, Object... arguments) {
        return messages.getMessage(key, arguments, lang.locale());
    }

    String message(Lang lang, String key, List<String> arguments) {
        return message(lang, key, arguments.toArray());
    }
}
