package tongban.verification;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.seal.SealEntry;
import tongban.seal.SealService;
import tongban.web.Lang;

/**
 * Names for the page, from the loaded rule packs (one source of truth): certificate types (营业执照 / Business
 * licence) and departments, in the page's language. Codes the packs do not know are shown as they are.
 */
@Component
class Names {

    private final RulePacks packs;
    private final SealService seals;

    Names(RulePacks packs, SealService seals) {
        this.packs = packs;
        this.seals = seals;
    }

    String certificateType(String type, Lang lang) {
        for (ServiceItem item : packs.items()) {
            if (item.issues() != null && type.equals(item.issues().type())) {
                return lang == Lang.EN ? item.issues().name().en() : item.issues().name().zh();
            }
        }
        return type;
    }

    /** Every name the pages may show, in both languages, and each seal's subject (a signature's signer). */
    List<String> all() {
        List<String> all = new ArrayList<>();
        for (ServiceItem item : packs.items()) {
            all.add(item.department().name().zh());
            all.add(item.department().name().en());
            if (item.issues() != null) {
                all.add(item.issues().name().zh());
                all.add(item.issues().name().en());
            }
        }
        for (SealEntry seal : seals.seals()) {
            all.add(seal.departmentName());
            all.add(seal.certificateSubject());
        }
        return all;
    }

    /** A department by the id its seal is registered under. */
    String department(String id, Lang lang) {
        for (ServiceItem item : packs.items()) {
            if (item.department().id().equals(id)) {
                return lang == Lang.EN ? item.department().name().en() : item.department().name().zh();
            }
        }
        return seals.sealOf(id).map(SealEntry::departmentName).orElse(id);
    }

    /** A department by its Chinese name, as the registry records the issuer. */
    String issuer(String zhName, Lang lang) {
        if (lang == Lang.ZH) {
            return zhName;
        }
        for (ServiceItem item : packs.items()) {
            if (item.department().name().zh().equals(zhName)) {
                return item.department().name().en();
            }
        }
        return zhName;
    }
}
