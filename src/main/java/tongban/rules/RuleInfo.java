package tongban.rules;

import java.util.Map;

/**
 * What the pack compiler learnt of one rule from its source: where it is, what it finds, and its
 * metadata (unquoted). Used for the trace, the service guide and scenario coverage.
 */
record RuleInfo(String name, String file, int line, int order, String finding, Map<String, String> metadata) {

    String basis() {
        return metadata.getOrDefault("basis", "");
    }

    /** False when the rule says its basis could not be checked against the law's text ({@code @verified("no")}). */
    boolean verified() {
        return !"no".equals(metadata.get("verified"));
    }
}
