package tongban.me;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tongban.identity.DataAccessLog;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.rules.vocabulary.Text;

/**
 * Who read a subject's data, in words: a staff lookup by the reader's role (e.g. the 12345 hotline), a read for an
 * item's form by the item's department.
 */
@Component
class Readers {

    private final RulePacks packs;
    private final MessageSource messages;

    Readers(RulePacks packs, MessageSource messages) {
        this.packs = packs;
        this.messages = messages;
    }

    Text department(DataAccessLog.Entry entry) {
        if (entry.readerRole() != null) {
            String key = "me.reader." + entry.readerRole();
            return new Text(messages.getMessage(key, null, entry.readerRole(), Locale.SIMPLIFIED_CHINESE),
                    messages.getMessage(key, null, entry.readerRole(), Locale.ENGLISH));
        }
        return entry.item() == null ? new Text("", "") : packs.item(entry.item()).map(i -> i.department().name())
                .orElse(new Text(entry.item(), entry.item()));
    }

    Text item(String item) {
        return item == null ? null : packs.item(item).map(ServiceItem::name).orElse(new Text(item, item));
    }
}
