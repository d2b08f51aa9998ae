package tongban.rules;

import java.util.Map;
import java.util.TreeMap;
import tongban.audit.Audited;

/** Policy staff reloaded the rule packs; {@code versions} is what serves now, item code to pack version. */
public record RulePacksReloaded(String actor, Map<String, String> versions) implements Audited {

    public RulePacksReloaded {
        versions = Map.copyOf(versions);
    }

    @Override
    public String action() {
        return "RULE_PACKS_RELOADED";
    }

    @Override
    public String target() {
        return "rule-packs";
    }

    @Override
    public Object detail() {
        return new TreeMap<>(versions);
    }
}
