package tongban.rules;

import java.util.Map;
import tongban.audit.Audited;

/** Policy staff published a version of an item's pack, in force from a date. */
public record RulePackPublished(String actor, PackVersion published) implements Audited {

    @Override
    public String action() {
        return "RULE_PACK_PUBLISHED";
    }

    @Override
    public String target() {
        return "rule-packs/" + published.item();
    }

    @Override
    public Object detail() {
        return Map.of("version", published.version(), "effectiveFrom", published.effectiveFrom().toString(),
                "artefactSha256", published.artefactSha256());
    }
}
