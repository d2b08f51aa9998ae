package tongban.verification;

import org.springframework.stereotype.Component;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.seal.SealEntry;
import tongban.seal.SealService;

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
