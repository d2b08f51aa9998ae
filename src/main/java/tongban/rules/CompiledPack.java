package tongban.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.builder.ReleaseId;

/**
 * A pack ready to serve: the item, its compiled rules (the cached KieBase), what is known of each rule and its dated
 * parameters.
 */
record CompiledPack(ServiceItem item, PackSource source, KieBase kieBase, ReleaseId releaseId,
                    Map<String, RuleInfo> rules, Instant loadedAt, ParameterTable parameters) {

    String version() {
        return source.version();
    }

    List<RuleInfo> rulesInOrder() {
        return rules.values().stream().sorted(Comparator.comparingInt(RuleInfo::order)).toList();
    }
}
